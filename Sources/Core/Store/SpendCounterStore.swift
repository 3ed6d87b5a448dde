/// Spend per ``SpendScope``, kept by the store in the same transaction as the spend log rows it sums.
///
/// There is no "add spend" call: ``SpendLogStore/appendSpendLogs(_:)`` adds each newly stored row's
/// ``SpendLogEntry/spendUnits`` to the counter of every one of its ``SpendLogEntry/scopes`` with an atomic
/// increment (`spend = spend + ?`, never read-modify-write), and a row already stored adds nothing. So a counter
/// always equals the sum of its rows since its last reset, even when flushes are retried or several gateway
/// instances write at once.
public protocol SpendCounterStore: Sendable {
    /// Every counter (to restore in-memory counters at startup and to reconcile with other instances).
    func spendCounters() async throws -> [SpendCounter]
    /// One scope's counter; nil when nothing was ever counted or scheduled for it.
    func spendCounter(_ scope: SpendScope) async throws -> SpendCounter?
    /// Sets when a scope's spend next resets, only if no reset is scheduled yet (creates the counter at 0 if
    /// absent). - Returns: the reset time now stored (another instance's, if it was first).
    func scheduleBudgetReset(_ scope: SpendScope, at resetAt: Double) async throws -> Double
    /// Resets a scope's spend to 0 and schedules the next reset, only if the stored reset time is still
    /// `expectedResetAt` (so of several instances exactly one resets).
    /// - Returns: whether this call reset it.
    func resetSpend(_ scope: SpendScope, expectedResetAt: Double, nextResetAt: Double) async throws -> Bool
}
