public import HTTPTypes
import Synchronization

/// Headers hooks add to the client's response: rate-limit state, the request's cost.
///
/// The server makes one per request, hands it to the pipeline in ``GatewayRequest/responseHeaders`` and copies
/// what it holds onto the response, error responses included (a 429 carries its `retry-after`). Headers set
/// after a stream's status line went out (during the stream) are not sent.
public final class ResponseHeaders: Sendable {
    /// One field per name, in the order first set. A plain array: a request sets about ten, and `HTTPFields`'
    /// subscript setter cost ~1,000 instructions each (its search for the name, then its bookkeeping).
    private let fields = Mutex([HTTPField]())

    public init() {}

    /// Sets `name` to `value`, replacing an earlier value.
    public func set(_ name: HTTPField.Name, _ value: String) {
        let field = HTTPField(name: name, value: value)
        fields.withLock { fields in
            if let index = fields.firstIndex(where: { $0.name == name }) {
                fields[index] = field
            } else {
                fields.append(field)
            }
        }
    }

    /// What has been set so far.
    public var all: HTTPFields { HTTPFields(fields.withLock { $0 }) }
}
