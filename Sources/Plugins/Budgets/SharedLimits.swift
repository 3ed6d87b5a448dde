import GatewayCore

/// What the budgets plugin needs to share its limits with other instances.
struct SharedLimits: Sendable {
    var store: any SharedLimitStore
    var instanceID: String
    var leases: LeaseSettings
    /// How often tokens are reported and read (`rate_limit_sync_seconds`).
    var syncSeconds: Double
}
