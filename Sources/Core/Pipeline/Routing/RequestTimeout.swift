import Foundation
import HTTPTypes

/// LiteLLM's `x-litellm-timeout` request header: seconds this request's upstream calls may take, in place of each
/// deployment's `timeout` (a stream's first chunk still waits at most the deployment's `stream_timeout`, when set).
enum RequestTimeout {
    /// - Returns: the header's seconds, nil when absent.
    /// - Throws: 400 naming the header when it is not a number of seconds above 0 and at most 86,400.
    static func seconds(in headers: HTTPFields) throws -> Double? {
        guard let text = headers[RoutingHeaders.timeout] else { return nil }
        guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds > 0, seconds <= 86_400 else {
            throw GatewayError.badRequest(
                "Invalid x-litellm-timeout header: it must be a number of seconds above 0 and at most 86400.", param: "x-litellm-timeout")
        }
        return seconds
    }

    /// Seconds as the echoed header shows them: `30`, `2.5`.
    static func headerValue(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
    }
}
