import GatewayCore
import HTTPTypes
import NIOHTTP1

/// The errors a connection gets before (or instead of) reaching a route: all answered with `connection: close`.
extension GatewayError {
    /// 408: the request's head or body did not arrive within its timeout.
    /// - Parameter part: `head` or `body`.
    static func requestTimeout(_ part: String, seconds: Double) -> GatewayError {
        let shown = seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
        return GatewayError(
            status: .requestTimeout, message: "The request \(part) did not arrive within \(shown) seconds.", type: "invalid_request_error",
            code: "request_timeout")
    }

    /// 431: the request line and headers are larger than `max_request_header_size_kb`.
    static func headersTooLarge(limit: Int) -> GatewayError {
        GatewayError(
            status: .requestHeaderFieldsTooLarge,
            message: "The request line and headers are larger than the limit of \(limit) bytes (max_request_header_size_kb).",
            type: "invalid_request_error", code: "request_headers_too_large")
    }

    /// 431: the request head has more header fields than `max_request_header_fields`.
    static func tooManyHeaderFields(limit: Int) -> GatewayError {
        GatewayError(
            status: .requestHeaderFieldsTooLarge,
            message: "The request has more than the limit of \(limit) header fields (max_request_header_fields).",
            type: "invalid_request_error", code: "too_many_request_headers")
    }

    /// 400: the bytes received are not a valid HTTP/1.1 request (its head, or the framing of its body).
    /// - Parameter error: what the decoder found, named in the message when known.
    static func malformedHTTP(_ error: HTTPParserError?) -> GatewayError {
        let detail = error.map { " (\($0.reason))" } ?? ""
        return GatewayError.badRequest("The request is not valid HTTP/1.1\(detail).", code: "invalid_http")
    }

    /// The connection cannot carry another request after this error: its bytes stopped arriving, or their framing
    /// broke, so where the next request would start is unknown.
    var endsConnection: Bool { status == .requestTimeout || code == "invalid_http" }
}

extension HTTPParserError {
    /// A short phrase for the client, without the decoder's internal names.
    fileprivate var reason: String {
        switch self {
        case .invalidChunkSize: "invalid chunk size"
        case .unexpectedContentLength: "invalid transfer-encoding or content-length"
        case .invalidContentLength: "invalid content-length"
        case .invalidMethod: "invalid method"
        case .invalidURL: "invalid request target"
        case .invalidVersion: "invalid HTTP version"
        case .invalidHeaderToken, .invalidConstant, .lfExpected, .strictModeAssertion: "malformed request head"
        default: "malformed request"
        }
    }
}
