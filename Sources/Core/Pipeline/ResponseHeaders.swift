public import HTTPTypes
import Synchronization

/// Headers hooks add to the client's response: rate-limit state, the request's cost.
///
/// The server makes one per request, hands it to the pipeline in ``GatewayRequest/responseHeaders`` and copies
/// what it holds onto the response, error responses included (a 429 carries its `retry-after`). Headers set
/// after a stream's status line went out (during the stream) are not sent.
public final class ResponseHeaders: Sendable {
    private let fields = Mutex(HTTPFields())

    public init() {}

    /// Sets `name` to `value`, replacing an earlier value.
    public func set(_ name: HTTPField.Name, _ value: String) {
        fields.withLock { $0[name] = value }
    }

    /// What has been set so far.
    public var all: HTTPFields { fields.withLock { $0 } }
}
