import GatewayCore
import Synchronization

/// The client requests being answered, by channel and request id, so a client's `notifications/cancelled` can stop
/// its own call: the channel is the caller and its session (`Mcp-Session-Id`, or the older transport's session), so
/// a cancellation reaches only calls the same key made in the same session, and request ids (the client's own)
/// never clash across clients.
///
/// An entry is made before the call's task starts and removed when the call ends, whichever way; a cancellation for
/// an id that is not in flight (already answered, never sent) is ignored, as the protocol says.
final class MCPInFlightCalls: Sendable {
    /// One call's cancellation: holds what cancels its task once started, and cancels at once if cancelled before.
    final class Handle: Sendable {
        private let state = Mutex<(cancelTask: (@Sendable () -> Void)?, cancelled: Bool)>((nil, false))

        /// Sets what cancels the call's task (called at once when the call was cancelled before it started).
        func attach(_ cancelTask: @escaping @Sendable () -> Void) {
            let cancelled = state.withLock { state in
                state.cancelTask = cancelTask
                return state.cancelled
            }
            if cancelled { cancelTask() }
        }

        func cancel() {
            let cancelTask = state.withLock { state in
                state.cancelled = true
                return state.cancelTask
            }
            cancelTask?()
        }
    }

    private let calls = Mutex<[String: Handle]>([:])

    init() {}

    /// The calls in flight.
    var count: Int { calls.withLock { $0.count } }

    /// Registers a call; a request id the channel reuses while its first call runs replaces it for cancellation.
    func begin(channel: String, id: JSON) -> Handle {
        let handle = Handle()
        calls.withLock { $0[Self.key(channel, id)] = handle }
        return handle
    }

    /// Removes a call that ended (only `handle`'s entry: a later call with the same id stays).
    func end(channel: String, id: JSON, handle: Handle) {
        calls.withLock { calls in
            let key = Self.key(channel, id)
            if calls[key] === handle { calls[key] = nil }
        }
    }

    /// Cancels the call `id` of `channel`.
    /// - Returns: whether such a call was in flight.
    @discardableResult
    func cancel(channel: String, id: JSON) -> Bool {
        guard let handle = calls.withLock({ $0.removeValue(forKey: Self.key(channel, id)) }) else { return false }
        handle.cancel()
        return true
    }

    /// Takes a notification a client sent on `channel`: `notifications/cancelled` cancels its call with that
    /// `requestId`; any other notification needs nothing from the gateway.
    func receive(notification method: String, params: JSON, channel: String) {
        guard method == "notifications/cancelled", let id = params["requestId"] else { return }
        cancel(channel: channel, id: id)
    }

    /// Cancels every call of `channel` (its session's stream ended).
    func cancelAll(channel: String) {
        let prefix = channel + "\u{0}"
        let handles = calls.withLock { calls in
            let keys = calls.keys.filter { $0.hasPrefix(prefix) }
            return keys.compactMap { calls.removeValue(forKey: $0) }
        }
        for handle in handles { handle.cancel() }
    }

    /// String and integer ids are distinct (`"1"` is not `1`).
    private static func key(_ channel: String, _ id: JSON) -> String {
        if let number = id.intValue { return "\(channel)\u{0}i\(number)" }
        return "\(channel)\u{0}s\(id.stringValue ?? "")"
    }
}
