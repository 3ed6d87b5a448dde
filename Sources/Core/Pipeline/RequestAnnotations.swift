import Synchronization

/// Facts hooks record about one request for its log entry (what a shadow policy would have blocked, ...).
///
/// The server makes one per request with ``GatewayRequest``; hooks add to it before and after the call (it is a
/// reference, so post-call hooks that see the request by value can still write), and the logging event carries a
/// copy, which the spend log keeps in the row's `metadata`.
public final class RequestAnnotations: Sendable {
    private let values = Mutex([String: JSON]())

    public init() {}

    /// Appends `value` to the list under `key` (a list is made on first use).
    public func append(_ value: JSON, to key: String) {
        values.withLock { values in
            var list = values[key]?.arrayValue ?? []
            list.append(value)
            values[key] = .array(list)
        }
    }

    /// Sets `key` to `value`, replacing an earlier value.
    public func set(_ key: String, _ value: JSON) {
        values.withLock { $0[key] = value }
    }

    /// What has been recorded so far.
    public var all: [String: JSON] { values.withLock { $0 } }
}
