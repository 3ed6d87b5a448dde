import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The JWKS cache: a rotated key is picked up without a restart, unknown key ids refetch at most once per
/// interval, and the cached keys keep verifying while the IdP is down.
@Suite(.serialized)
struct JWTKeyRotationTests {
    static let settings = "    user_id_jwt_field: sub\n    user_id_upsert: true"

    @Test
    func rotatedKeyIsPickedUpWithoutRestart() async throws {
        guard try await PythonSDKScript.canImport("cryptography") else { return }
        try await OIDCProvider.withRunning { idp in
            try await JWTGateway.run(.sqlite, provider: idp, settings: Self.settings) { gateway in
                let before = try await idp.mint(["sub": "dave"])
                #expect(try await gateway.chat(before).status == 200)
                let fetches = try await idp.jwksRequests()

                // Past the refetch interval (0.5 s here) since the first fetch, as a real rotation is.
                try await Task.sleep(for: .milliseconds(600))
                let newKid = try await idp.rotate(dropOld: true)
                let after = try await idp.mint(["sub": "dave"])
                #expect(TokenHeader.decode(after)?["kid"]?.stringValue == newKid)
                let reply = try await gateway.chat(after)
                #expect(reply.status == 200, "the new kid is fetched: \(reply.body)")
                #expect(try await idp.jwksRequests() == fetches + 1)

                // The dropped key is gone from the refetched set: its tokens are refused (once the interval allows a
                // refetch, it is confirmed unknown).
                try await Task.sleep(for: .milliseconds(600))
                let old = try await gateway.chat(before)
                #expect(old.status == 401 && gateway.errorCode(old, token: before) == "jwt_unknown_kid", "\(old.body)")

                // A burst of made-up key ids costs at most one fetch per interval (0.5 s here), not one per request.
                try await Task.sleep(for: .milliseconds(600))
                let start = try await idp.jwksRequests()
                let startedAt = ContinuousClock.now
                var header = try #require(TokenHeader.decode(after))
                for index in 0..<20 {
                    header["kid"] = .string("made-up-\(index)")
                    let forged = TokenHeader.encode(header) + "." + after.split(separator: ".").dropFirst().joined(separator: ".")
                    #expect(try await gateway.chat(forged).status == 401)
                }
                // One fetch at most per started interval of the burst (a loaded machine may take more than one), never
                // one per request.
                let intervals = Int((ContinuousClock.now - startedAt) / .milliseconds(500)) + 1
                let fetched = try await idp.jwksRequests() - start
                #expect(fetched <= min(intervals, 19), "unknown kids are rate limited: \(fetched) fetches in \(intervals) intervals")
            }
        }
    }

    @Test
    func cachedKeysVerifyWhileTheIdPIsDown() async throws {
        guard try await PythonSDKScript.canImport("cryptography") else { return }
        let idp = try await OIDCProvider.start()
        defer { idp.stop() }
        // A TTL of one second: once it passes, every token asks for a refetch, which fails.
        try await JWTGateway.run(.sqlite, provider: idp, settings: Self.settings + "\n    public_key_ttl: 1") { gateway in
            let token = try await idp.mint(["sub": "erin"], ttl: 600)
            let esToken = try await idp.mint(["sub": "erin"], alg: "ES256", ttl: 600)
            #expect(try await gateway.chat(token).status == 200)
            idp.stop()
            try await Task.sleep(for: .milliseconds(1200))
            for _ in 0..<3 {
                let reply = try await gateway.chat(token)
                #expect(reply.status == 200, "cached keys keep verifying: \(reply.body)")
                #expect(try await gateway.chat(esToken).status == 200)
                try await Task.sleep(for: .milliseconds(600))
            }
            // A key the cache never had cannot be checked while the IdP is down: refused as unknown, not let through.
            var header = try #require(TokenHeader.decode(token))
            header["kid"] = "rotated-while-down"
            let unknown = TokenHeader.encode(header) + "." + token.split(separator: ".").dropFirst().joined(separator: ".")
            #expect(try await gateway.chat(unknown).status == 401)
        }
    }
}
