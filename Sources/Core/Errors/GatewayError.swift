public import HTTPTypes

/// The one error type a client sees: rendered as OpenAI-shaped JSON with an HTTP status.
///
/// ```json
/// {"error": {"message": "...", "type": "invalid_request_error", "param": "model", "code": "model_not_found"}}
/// ```
/// A hook that rejects a request throws a `GatewayError`; that is a decision, not a plugin failure, so it is
/// never turned into "allow" by `"on_error": "allow"`. Messages must never contain a secret.
public struct GatewayError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// OpenAI's error type: `invalid_request_error`, `authentication_error`, `permission_error`, ...
    public var type: String
    /// The request field at fault, if one is.
    public var param: String?
    /// A stable machine-readable code, e.g. `model_not_found`.
    public var code: String?
    /// Seconds an upstream asked to wait before calling again (its `retry-after` on a 429 or 503), for the attempt
    /// loop's backoff and the routing hooks' cooldowns. Not rendered in the body.
    public var retryAfter: Double?

    public init(status: HTTPResponse.Status, message: String, type: String, param: String? = nil, code: String? = nil) {
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
    }

    public var description: String { "\(status.code) \(type): \(message)" }

    /// The OpenAI-shaped JSON body.
    public var json: JSON {
        [
            "error": [
                "message": .string(message),
                "type": .string(type),
                "param": param.map { .string($0) } ?? .null,
                "code": code.map { .string($0) } ?? .string(String(status.code)),
            ]
        ]
    }
}

extension GatewayError {
    /// 400: the request is malformed or names something invalid.
    public static func badRequest(_ message: String, param: String? = nil, code: String? = "invalid_request") -> GatewayError {
        GatewayError(status: .badRequest, message: message, type: "invalid_request_error", param: param, code: code)
    }

    /// 401: no credential, or one that is not valid.
    public static func unauthorized(_ message: String = "Invalid or missing API key.") -> GatewayError {
        GatewayError(status: .unauthorized, message: message, type: "authentication_error", code: "invalid_api_key")
    }

    /// 403: a valid credential that may not do this.
    public static func forbidden(_ message: String, code: String = "permission_denied") -> GatewayError {
        GatewayError(status: .forbidden, message: message, type: "permission_error", code: code)
    }

    /// 404: an unknown model or route.
    public static func notFound(_ message: String, param: String? = nil, code: String = "not_found") -> GatewayError {
        GatewayError(status: .notFound, message: message, type: "invalid_request_error", param: param, code: code)
    }

    /// 405: the route exists, the method does not.
    public static func methodNotAllowed(_ method: String, path: String) -> GatewayError {
        GatewayError(
            status: .methodNotAllowed, message: "Method \(method) is not allowed on \(path).", type: "invalid_request_error",
            code: "method_not_allowed")
    }

    /// 413: the body is larger than the configured limit.
    public static func payloadTooLarge(limit: Int) -> GatewayError {
        GatewayError(
            status: .contentTooLarge, message: "Request body is larger than the limit of \(limit) bytes.",
            type: "invalid_request_error", code: "request_too_large")
    }

    /// 429: a rate limit, here or upstream.
    public static func rateLimited(_ message: String) -> GatewayError {
        GatewayError(status: .tooManyRequests, message: message, type: "rate_limit_error", code: "rate_limit_exceeded")
    }

    /// 500: a fault inside the gateway (a plugin that failed, a bug). The message stays generic.
    public static func internalError(_ message: String) -> GatewayError {
        GatewayError(status: .internalServerError, message: message, type: "api_error", code: "internal_error")
    }

    /// 502: the upstream failed or answered with something that is not a valid response.
    public static func badGateway(_ message: String, code: String = "upstream_error") -> GatewayError {
        GatewayError(status: .badGateway, message: message, type: "api_error", code: code)
    }

    /// 503: the gateway cannot serve now (no deployment available, storage down).
    public static func unavailable(_ message: String) -> GatewayError {
        GatewayError(status: .serviceUnavailable, message: message, type: "api_error", code: "service_unavailable")
    }

    /// 503 `storage_unavailable`: the store could not be reached for something the request needs (a key not in
    /// the cache). Never a 401: the caller's key may be valid, the gateway just cannot tell now.
    public static func storageUnavailable(_ message: String = "Storage is unavailable; try again shortly.") -> GatewayError {
        GatewayError(status: .serviceUnavailable, message: message, type: "api_error", code: "storage_unavailable")
    }

    /// 503 `overloaded`: the gateway holds as many requests as it is configured to; the client should retry
    /// after the `retry-after` the caller sets.
    public static func overloaded(_ message: String = "The gateway is at its limit of requests in flight; retry shortly.") -> GatewayError {
        GatewayError(status: .serviceUnavailable, message: message, type: "api_error", code: "overloaded")
    }

    /// 504: the upstream did not answer within the deployment's timeout.
    public static func gatewayTimeout(_ message: String) -> GatewayError {
        GatewayError(status: .gatewayTimeout, message: message, type: "timeout_error", code: "upstream_timeout")
    }
}
