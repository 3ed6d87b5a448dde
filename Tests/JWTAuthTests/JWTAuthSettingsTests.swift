import GatewayCore
import Testing

@testable import JWTAuth

/// `general_settings.litellm_jwtauth` and the environment.
struct JWTAuthSettingsTests {
    @Test
    func unknownKeysAndBadValuesStopStartup() {
        #expect(
            performing: { try JWTAuthSettings(["issuer": "https://idp", "user_id_jwt_feild": "sub"], environment: [:]) },
            throws: {
                "\($0)".contains("user_id_jwt_feild")
            })
        #expect(
            performing: { try JWTAuthSettings(["issuer": "https://idp", "public_key_ttl": -1], environment: [:]) },
            throws: {
                "\($0)".contains("public_key_ttl")
            })
        #expect(
            performing: { try JWTAuthSettings(["issuer": "https://idp", "user_id_upsert": "yes"], environment: [:]) },
            throws: {
                "\($0)".contains("user_id_upsert")
            })
        #expect(performing: { try JWTAuthSettings(["issuer": "ftp://idp"], environment: [:]) }, throws: { "\($0)".contains("ftp://idp") })
        #expect(performing: { try JWTAuthSettings([:], environment: [:]) }, throws: { "\($0)".contains("JWT_PUBLIC_KEY_URL") })
        #expect(
            performing: {
                try JWTAuthSettings(
                    ["issuer": "https://idp", "jwt_litellm_role_map": [["jwt_role": "a", "litellm_role": "root"]]], environment: [:])
            }, throws: { "\($0)".contains("jwt_litellm_role_map") })
    }

    @Test
    func environmentWinsOverTheFile() throws {
        let settings = try JWTAuthSettings(
            ["public_key_url": "https://file/jwks", "audience": ["a", "b"], "issuer": "https://file"],
            environment: ["JWT_PUBLIC_KEY_URL": "https://env/jwks, https://env/other", "JWT_AUDIENCE": "env-aud", "JWT_ISSUER": "https://env"])
        #expect(settings.publicKeyURLs == ["https://env/jwks", "https://env/other"])
        #expect(settings.audiences == ["env-aud"])
        #expect(settings.issuer == "https://env")
        let file = try JWTAuthSettings(["public_key_url": "https://file/jwks", "audience": ["a", "b"]], environment: [:])
        #expect(file.publicKeyURLs == ["https://file/jwks"] && file.audiences == ["a", "b"] && file.issuer == nil)
        #expect(file.publicKeyTTL == 600 && file.leeway == 30 && file.adminScope == "litellm_proxy_admin")
    }

    @Test
    func jwtShapeIsRecognisedWithoutKeys() {
        // {"alg":"RS256","kid":"k"} . {} . sig
        let header = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ"
        #expect(TokenVerifier.looksLikeJWT(header + ".e30.c2ln"))
        #expect(!TokenVerifier.looksLikeJWT("sk-1234"))
        #expect(!TokenVerifier.looksLikeJWT("a.b.c"))
        #expect(!TokenVerifier.looksLikeJWT(header + ".e30"), "two parts")
        #expect(!TokenVerifier.looksLikeJWT("e30.e30.c2ln"), "a header without alg")
    }

    @Test
    func claimPaths() {
        let claims: JSON = ["a": ["b": ["c": "deep"]], "x.y": "dotted", "n": 7, "list": ["p", 1, "q"]]
        #expect(ClaimPath("a.b.c").string(in: claims) == "deep")
        #expect(ClaimPath("x.y").string(in: claims) == "dotted")
        #expect(ClaimPath("n").string(in: claims) == "7")
        #expect(ClaimPath("a.missing.c").value(in: claims) == nil)
        #expect(ClaimPath("list").strings(in: claims) == ["p", "q"])
        #expect(ClaimPath("a.b.c").strings(in: claims) == ["deep"])
    }
}
