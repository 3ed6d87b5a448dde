import Foundation
import GatewayCore
import GatewayTesting
import GoogleAuth
import Testing
import _CryptoExtras

/// Service-account key files read and checked (GoogleAuth's ``GoogleCredentials``, ``GoogleServiceAccount``), and the
/// JWT they sign, verified with the account's public key.
struct GoogleCredentialsTests {
    static let account: TestServiceAccount = try! TestServiceAccount(tokenURI: "https://oauth2.googleapis.com/token")

    static func resolve(_ value: JSON?, environment: [String: String] = [:], files: [String: String] = [:]) throws -> GoogleCredentials {
        try GoogleCredentials.resolve(vertexCredentials: value, environment: environment) { files[$0] }
    }

    @Test func vertexCredentialsAsObjectTextOrPathAndTheEnvironment() throws {
        let json = Self.account.json
        let expected = try GoogleServiceAccount(json: json, origin: "test")
        #expect(expected.clientEmail == Self.account.clientEmail && expected.privateKeyID == Self.account.privateKeyID)
        #expect(try Self.resolve(json) == .serviceAccount(expected))
        #expect(try Self.resolve(.string("  " + json.serializedString())) == .serviceAccount(expected))
        #expect(try Self.resolve("/keys/sa.json", files: ["/keys/sa.json": json.serializedString()]) == .serviceAccount(expected))
        let environment = ["GOOGLE_APPLICATION_CREDENTIALS": "/keys/env.json"]
        #expect(try Self.resolve(nil, environment: environment, files: ["/keys/env.json": json.serializedString()]) == .serviceAccount(expected))
        // VERTEXAI_CREDENTIALS (JSON text or a path) before GOOGLE_APPLICATION_CREDENTIALS, as LiteLLM reads them.
        let both = ["VERTEXAI_CREDENTIALS": json.serializedString(), "GOOGLE_APPLICATION_CREDENTIALS": "/missing.json"]
        #expect(try Self.resolve(nil, environment: both) == .serviceAccount(expected))
        #expect(try Self.resolve(nil) == .metadataServer(host: "metadata.google.internal"))
        #expect(try Self.resolve(.null, environment: ["GCE_METADATA_HOST": "127.0.0.1:8080"]) == .metadataServer(host: "127.0.0.1:8080"))
        #expect(try Self.resolve(json).projectID == Self.account.projectID)
    }

    @Test(arguments: [
        ("private_key", JSON.null, "has no 'private_key'"), ("client_email", .null, "has no 'client_email'"),
        ("type", "external_account", "type 'external_account'"), ("private_key", "not a key", "not a PEM private key"),
        ("token_uri", "ftp://x", "'token_uri'"),
    ])
    func malformedServiceAccountsNameTheField(_ field: String, _ value: JSON, _ message: String) {
        var json = Self.account.json
        json[field] = value.isNull ? nil : value
        #expect {
            try Self.resolve(json)
        } throws: {
            let text = ($0 as? GoogleAuthError)?.message ?? ""
            return text.contains(message) && !text.contains("BEGIN PRIVATE KEY")
        }
    }

    @Test func authorizedUserCredentials() throws {
        let json: JSON = [
            "type": "authorized_user", "client_id": "764086051850-x.apps.googleusercontent.com", "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty",
            "refresh_token": "1//0gDEADBEEF-refresh/token+x", "quota_project_id": "user-project",
        ]
        guard case .authorizedUser(let user) = try Self.resolve(json) else {
            Issue.record("expected user credentials")
            return
        }
        #expect(user.tokenURI == "https://oauth2.googleapis.com/token")
        #expect(try Self.resolve(json).projectID == "user-project")
        #expect(try Self.resolve(json).secrets == ["d-FL95Q19q7MQmFpd7hHD0Ty", "1//0gDEADBEEF-refresh/token+x"])
        var missing = json
        missing["refresh_token"] = nil
        #expect(throws: GoogleAuthError("The Google user credentials in vertex_credentials have no 'refresh_token'.")) { try Self.resolve(missing) }
    }

    @Test func unreadableOrInvalidFilesAreNamed() {
        #expect(throws: GoogleAuthError("The Google credentials file '/missing.json' cannot be read.")) { try Self.resolve("/missing.json") }
        #expect(throws: GoogleAuthError("The Google credentials file '/bad.json' is not valid JSON.")) {
            try Self.resolve(nil, environment: ["GOOGLE_APPLICATION_CREDENTIALS": "/bad.json"], files: ["/bad.json": "{oops"])
        }
        #expect(throws: GoogleAuthError("'vertex_credentials' is not valid JSON.")) { try Self.resolve("{\"type\": ") }
    }

    @Test func theAssertionIsAnRS256JWTWithGooglesClaims() throws {
        let account = try GoogleServiceAccount(json: Self.account.json, origin: "test")
        let jwt = try account.assertion(issuedAt: 1_760_000_000)
        let pieces = jwt.split(separator: ".").map(String.init)
        #expect(pieces.count == 3)
        #expect(!jwt.contains("=") && !jwt.contains("+") && !jwt.contains("/"), "base64url without padding")
        let header = try JSONParser.parse(String(decoding: try #require(GoogleOAuthUpstream.base64URLDecoded(pieces[0])), as: UTF8.self))
        #expect(header == ["alg": "RS256", "typ": "JWT", "kid": .string(Self.account.privateKeyID)])
        let claims = try JSONParser.parse(String(decoding: try #require(GoogleOAuthUpstream.base64URLDecoded(pieces[1])), as: UTF8.self))
        #expect(
            claims == [
                "iss": .string(Self.account.clientEmail), "scope": "https://www.googleapis.com/auth/cloud-platform",
                "aud": "https://oauth2.googleapis.com/token", "iat": 1_760_000_000, "exp": 1_760_003_600,
            ])
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(GoogleOAuthUpstream.base64URLDecoded(pieces[2])))
        let signed = Data((pieces[0] + "." + pieces[1]).utf8)
        #expect(Self.account.publicKey.isValidSignature(signature, for: signed, padding: .insecurePKCS1v1_5))
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey
        #expect(!other.isValidSignature(signature, for: signed, padding: .insecurePKCS1v1_5), "another key does not verify it")
    }

    @Test func aKeyThatIsNotRSAIsRefusedWhenRead() {
        var json = Self.account.json
        // An Ed25519 key in PKCS#8 PEM: a well-formed private key, but not one Google signs with.
        json["private_key"] =
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n"
        #expect {
            try GoogleServiceAccount(json: json, origin: "test")
        } throws: {
            ($0 as? GoogleAuthError)?.message.contains("'private_key' that is not an RSA key of 2048 bits or more") == true
        }
    }
}
