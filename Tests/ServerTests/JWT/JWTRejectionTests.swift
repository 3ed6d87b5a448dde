import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Tokens the gateway must refuse, each with a 401 that names why and never echoes the token; algorithms the IdP
/// signs with (RS256, ES256, EdDSA) accepted.
@Suite(.serialized)
struct JWTRejectionTests {
    @Test
    func refusalsNameTheReason() async throws {
        guard try await PythonSDKScript.canImport("cryptography") else { return }
        try await OIDCProvider.withRunning { idp in
            try await JWTGateway.run(.sqlite, provider: idp, settings: "    user_id_jwt_field: sub\n    user_id_upsert: true") { gateway in
                func refusal(_ token: String) async throws -> (Int, String?) {
                    let reply = try await gateway.chat(token)
                    return (reply.status, gateway.errorCode(reply, token: token))
                }
                let good = try await idp.mint(["sub": "carol"])
                #expect(try await gateway.chat(good).status == 200)
                // A keyless caller without a team reads its own user's spend rows only.
                var own: [JSON] = []
                for _ in 0..<50 where own.isEmpty {
                    own = try await gateway.endpoint.get("/spend/logs", key: good).json?.arrayValue ?? []
                    if own.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(!own.isEmpty && own.allSatisfy { $0["user"] == "carol" }, "\(own)")
                #expect(try await gateway.endpoint.get("/spend/logs?user_id=someone-else", key: good).status == 403)

                // Every algorithm the provider signs with verifies.
                for alg in ["ES256", "EdDSA"] {
                    let reply = try await gateway.chat(try await idp.mint(["sub": "carol"], alg: alg))
                    #expect(reply.status == 200, "\(alg): \(reply.body)")
                }

                let expired = try await idp.mint(["sub": "carol"], ttl: -120)
                #expect(try await refusal(expired) == (401, "jwt_expired"))

                // A payload changed after signing (another subject) fails the signature.
                var parts = good.split(separator: ".").map(String.init)
                let forged: JSON = [
                    "sub": "mallory", "iss": .string(idp.issuer), "aud": "tollgate", "exp": .int(Int(Date().timeIntervalSince1970) + 300),
                ]
                parts[1] = Base64URL.encode(Array(forged.serializedString().utf8))
                #expect(try await refusal(parts.joined(separator: ".")) == (401, "jwt_bad_signature"))

                let otherAudience = try await idp.mint(["sub": "carol"], audience: "another-app")
                let wrongAudience = try await gateway.chat(otherAudience)
                #expect(wrongAudience.status == 401 && gateway.errorCode(wrongAudience, token: otherAudience) == "jwt_wrong_audience")
                #expect(wrongAudience.body.contains("tollgate"), "names the expected audience")

                // A kid the provider never published (the header re-encoded; the signature no longer matters).
                var header = try #require(TokenHeader.decode(good))
                header["kid"] = "no-such-key"
                let unknownKid = TokenHeader.encode(header) + "." + good.split(separator: ".").dropFirst().joined(separator: ".")
                let unknown = try await gateway.chat(unknownKid)
                #expect(unknown.status == 401 && gateway.errorCode(unknown, token: unknownKid) == "jwt_unknown_kid")
                #expect(unknown.body.contains("no-such-key"))

                let noSubject = try await idp.mint(["name": "no subject"])
                #expect(try await refusal(noSubject) == (401, "jwt_missing_claim"))
                let noExpiry = try await idp.mint(["sub": "carol", "exp": nil])
                #expect(try await refusal(noExpiry) == (401, "jwt_missing_claim"))

                // `alg: none` and HMAC are refused before any key is looked at.
                header["alg"] = "HS256"
                let hmac = TokenHeader.encode(header) + "." + good.split(separator: ".").dropFirst().joined(separator: ".")
                #expect(try await refusal(hmac) == (401, "jwt_unsupported_algorithm"))
            }
        }
    }
}

/// Reads and writes a JWT's header, for tokens a test alters.
enum TokenHeader {
    static func decode(_ token: String) -> JSON? {
        guard let first = token.split(separator: ".").first, let bytes = Base64URL.decode(first) else { return nil }
        return try? JSONParser.parse(bytes)
    }

    static func encode(_ header: JSON) -> String { Base64URL.encode(Array(header.serializedString().utf8)) }
}
