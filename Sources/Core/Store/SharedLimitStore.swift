/// Budgets and rate limits that hold across gateway instances sharing one database, coordinated by the database
/// alone (no cluster protocol). A store that serves one process only (SQLite) has none: ``GatewayStore/sharedLimits``
/// is nil and the budgets plugin keeps its limits in memory.
///
/// **Budget leases.** An instance holds a lease per (scope, instance): `granted` and `spent` are cumulative, and the
/// lease holds `granted - spent` of the scope's `max_budget` while it is unexpired. ``leaseBudget(_:)`` grants only
/// while `counter + Σ held of unexpired leases ≤ max_budget`, serialized per scope; ``SpendLogStore/appendSpendLogs(_:instanceID:)``
/// adds a row's spend to `spent` of the writer's lease in the transaction that adds it to the counter, so spend moves
/// from the lease to the counter and is never counted twice or lost.
///
/// **Rate windows.** Per (scope, minute window, instance): requests leased this window and tokens counted. Requests
/// are granted only while the window's leased requests stay within `rpm_limit`; tokens are reported and summed.
public protocol SharedLimitStore: Sendable {
    /// Grows this instance's lease on a scope's budget toward `target`, as far as the budget allows, and extends it to
    /// `expiresAt`; never shrinks an unexpired lease. Writes nothing when what fits is below `minimum`.
    /// - Returns: the lease as stored after the call, and the numbers the grant was decided on.
    func leaseBudget(_ request: BudgetLeaseRequest) async throws -> BudgetLease
    /// Shrinks this instance's lease to at most `granted` (handing headroom back), keeping its expiry.
    func trimBudgetLease(_ scope: SpendScope, instanceID: String, toGranted granted: Int64) async throws
    /// Reports this instance's tokens in a scope's window and leases up to `requests` more requests of it (all or
    /// nothing below `minimumRequests`, within `requestLimit`); drops the scope's earlier windows.
    /// - Returns: this instance's leased requests and the window's totals over every instance.
    func leaseRateWindow(_ request: RateWindowRequest) async throws -> RateWindowLease
}
