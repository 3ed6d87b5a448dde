import Foundation
import NIOHTTP1

/// Reading the wait from SwiftNIO's headers; kept apart so that the parsing needs no SwiftNIO (the fuzzers in `Fuzz/` compile
/// it alone).
extension UpstreamRetryAfter {
    static func seconds(in headers: HTTPHeaders) -> Double? {
        seconds(retryAfterMilliseconds: headers.first(name: "retry-after-ms"), retryAfter: headers.first(name: "retry-after"), now: Date())
    }
}
