import GatewayCore
import HTTPTypes

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
            status: .requestHeaderFieldsTooLarge, message: "The request line and headers are larger than the limit of \(limit) bytes.",
            type: "invalid_request_error", code: "request_headers_too_large")
    }

    /// 400: the bytes received are not an HTTP/1.1 request.
    static let malformedHTTP = GatewayError.badRequest("The request is not valid HTTP/1.1.", code: "invalid_http")
}
