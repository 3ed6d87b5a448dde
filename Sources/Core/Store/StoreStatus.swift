/// Whether the store can serve, and if not, why and since when: what `/health/readiness` reports.
public struct StoreStatus: Sendable, Equatable {
    /// Where the store is between startup and serving.
    public enum State: String, Sendable {
        /// Not tried yet (before the startup migration).
        case connecting
        /// Reachable; pending migrations are being applied, so the schema may not be complete yet.
        case migrating
        /// Serving.
        case ready
        /// Cannot be reached; being retried.
        case unreachable
    }

    public var state: State
    /// When the store entered ``state``, in seconds since 1970; nil when not tracked.
    public var since: Double?
    /// Why it is not ready (the last error, for operators: it names the database, never a credential).
    public var reason: String?

    public init(_ state: State, since: Double? = nil, reason: String? = nil) {
        self.state = state
        self.since = since
        self.reason = reason
    }

    public var isReady: Bool { state == .ready }
}
