import GatewayCore

/// Spend per scope in memory, and when each scope's spend next resets: what budget checks read, so a request
/// costs no database round trip.
///
/// Commits add each request's cost here as it finishes; the store's counters (written by the spend-log plugin,
/// behind the request path) are merged in at startup and on every reconcile, so spend of other gateway
/// instances, and spend from before a restart, is counted too. Merging keeps the larger of the two values for
/// the same budget period (memory may hold spend not yet flushed; the store may hold other instances' spend),
/// and takes the store's when the store has moved on to a later period (another instance reset it).
struct SpendLedger: Sendable {
    struct Entry: Sendable, Equatable {
        var units: Int64 = 0
        /// When spend next resets, seconds since 1970; nil when none is known yet (or the scope never resets).
        var resetAt: Double?
    }

    /// What the store must do for a scope with a `budget_duration` before its spend is checked.
    enum StoreWork: Sendable, Equatable {
        /// No reset is known: schedule the first (`scheduleBudgetReset`, which keeps one already stored).
        case schedule
        /// The reset is due: reset the stored counter if it still has this reset time.
        case reset(expected: Double)
    }

    private var entries: [SpendScope: Entry] = [:]
    /// Scopes whose store work failed, and when to try again (so an unreachable store is not asked on every request).
    private var retryAt: [SpendScope: Double] = [:]

    func entry(_ scope: SpendScope) -> Entry { entries[scope] ?? Entry() }

    func units(_ scope: SpendScope) -> Int64 { entries[scope]?.units ?? 0 }

    /// Store work due for a scope that resets on a duration, or nil when its spend is current.
    func storeWork(for scope: SpendScope, at now: Double) -> StoreWork? {
        if let retry = retryAt[scope], now < retry { return nil }
        guard let resetAt = entries[scope]?.resetAt else { return .schedule }
        return now >= resetAt ? .reset(expected: resetAt) : nil
    }

    /// The store answered `scheduleBudgetReset` with the reset time it holds.
    mutating func scheduled(_ scope: SpendScope, resetAt: Double) {
        entries[scope, default: Entry()].resetAt = resetAt
        retryAt[scope] = nil
    }

    /// This instance reset the stored counter: spend starts again from 0. Ignored when memory has already moved
    /// to another period meanwhile (a concurrent reset or merge got there first).
    mutating func didReset(_ scope: SpendScope, expected: Double, next: Double) {
        retryAt[scope] = nil
        guard entries[scope]?.resetAt == expected else { return }
        entries[scope] = Entry(units: 0, resetAt: next)
    }

    /// The store could not be reached for a scope's reset; leave it alone until `retry`.
    mutating func deferStoreWork(_ scope: SpendScope, until retry: Double) {
        retryAt[scope] = retry
    }

    /// The store has no counter for a scope that memory thought scheduled: schedule again on its next check.
    mutating func forgetReset(_ scope: SpendScope) {
        entries[scope]?.resetAt = nil
    }

    /// Merges a stored counter (see the type's documentation for the rule).
    mutating func merge(_ counter: SpendCounter) {
        var entry = entries[counter.scope] ?? Entry()
        switch (entry.resetAt, counter.budgetResetAt) {
        case (let memory?, let stored?) where stored > memory:
            // Another instance reset the counter: memory's spend belongs to the period that ended.
            entry = Entry(units: counter.units, resetAt: stored)
        case (let memory?, let stored?) where stored < memory:
            // A read from before this instance's own reset: nothing in it is newer than memory.
            break
        default:
            entry.units = max(entry.units, counter.units)
            entry.resetAt = counter.budgetResetAt ?? entry.resetAt
        }
        entries[counter.scope] = entry
    }

    /// Adds a finished request's cost to each scope.
    /// - Returns: each scope's spend before and after, for alert crossings.
    mutating func add(_ units: Int64, to scopes: [SpendScope]) -> [SpendScope: (before: Int64, after: Int64)] {
        var changes: [SpendScope: (before: Int64, after: Int64)] = [:]
        guard units > 0 else { return changes }
        for scope in scopes {
            let before = entries[scope]?.units ?? 0
            let (sum, overflow) = before.addingReportingOverflow(units)
            let after = overflow ? Int64.max : sum
            entries[scope, default: Entry()].units = after
            changes[scope] = (before, after)
        }
        return changes
    }
}
