import GatewayCore

/// Why a token was refused, each a 401 with its own `code` (a 503 when the keys cannot be had). Messages never
/// contain the token.
enum JWTAuthError {
    static func malformed(_ why: String) -> GatewayError { reject("The JWT is malformed: \(why).", "jwt_malformed") }

    static func unsupportedAlgorithm(_ alg: String) -> GatewayError {
        reject(
            "The JWT's algorithm '\(alg.prefix(20))' is not accepted (RS256/384/512, PS256/384/512, ES256/384/512, EdDSA).",
            "jwt_unsupported_algorithm")
    }

    static func unknownKeyID(_ kid: String) -> GatewayError {
        reject("The JWT's key id '\(kid.prefix(100))' is not among the identity provider's keys.", "jwt_unknown_kid")
    }

    static let badSignature = reject("The JWT's signature does not verify against the identity provider's keys.", "jwt_bad_signature")

    static func expired(at seconds: Double) -> GatewayError {
        reject("The JWT expired at \(ISO8601Time.string(seconds)).", "jwt_expired")
    }

    static func notYetValid(until seconds: Double) -> GatewayError {
        reject("The JWT is not valid before \(ISO8601Time.string(seconds)).", "jwt_not_yet_valid")
    }

    static func wrongAudience(expected: [String]) -> GatewayError {
        reject("The JWT's audience is not this gateway's (expected \(expected.joined(separator: " or "))).", "jwt_wrong_audience")
    }

    static func wrongIssuer(expected: String) -> GatewayError {
        reject("The JWT's issuer is not the one configured (\(expected)).", "jwt_wrong_issuer")
    }

    static func missingClaim(_ name: String) -> GatewayError {
        reject("The JWT is missing the required claim '\(name)'.", "jwt_missing_claim")
    }

    static func roleNotAllowed(_ field: String) -> GatewayError {
        GatewayError.forbidden("The JWT's roles ('\(field)') hold none of user_allowed_roles.", code: "jwt_role_not_allowed")
    }

    static func emailDomainNotAllowed(_ domain: String) -> GatewayError {
        GatewayError.forbidden("The JWT's email is not in the allowed domain '\(domain)'.", code: "jwt_email_domain_not_allowed")
    }

    static func keysUnavailable() -> GatewayError {
        var error = GatewayError.unavailable("The identity provider's signing keys could not be fetched; try again shortly.")
        error.code = "jwks_unavailable"
        return error
    }

    private static func reject(_ message: String, _ code: String) -> GatewayError {
        var error = GatewayError.unauthorized(message)
        error.code = code
        return error
    }
}
