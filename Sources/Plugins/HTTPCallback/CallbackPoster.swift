import AsyncHTTPClient
import GatewayCore
import NIOCore
import NIOHTTP1

/// POSTs one batch as a JSON array and says what the answer means for the batch.
struct CallbackPoster: Sendable {
    enum Result: Equatable {
        /// 2xx: the records are the receiver's now.
        case delivered
        /// Another 4xx: the receiver will never take this batch; retrying would block every later record.
        case rejected(status: Int)
        /// 408, 429, 5xx, no connection, no answer in time: try again later. `reason` has no header values.
        case retry(reason: String)
    }

    let url: String
    /// Sent with every POST (an auth header for the sink); never logged.
    let headers: [String: String]
    let timeoutSeconds: Double
    let httpClient: HTTPClient

    func post(_ records: [JSON]) async -> Result {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        request.body = .bytes(JSON.array(records).serialized())
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
            _ = try await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            switch status {
            case 200..<300: return .delivered
            case 408, 429, 500...: return .retry(reason: "the receiver answered \(status)")
            default: return .rejected(status: status)
            }
        } catch {
            return .retry(reason: "\(type(of: error)): \(error)")
        }
    }
}
