import GatewayCore
import Logging
import Synchronization

extension BudgetEnforcer {
    /// How long a scope's reset is left alone after the store failed it.
    static let storeRetrySeconds = 5.0

    /// Merges every stored counter into memory: at startup (spend from before a restart) and on each reconcile
    /// (other instances' spend). See ``SpendLedger`` for the merge rule.
    func reconcile() async throws {
        let counters = try await store.spendCounters()
        state.withLock { state in
            for counter in counters { state.ledger.merge(counter) }
            state.countersLoaded = true
        }
    }

    /// Resets the spend of every scope seen with a duration whose reset is due, so spend resets without
    /// traffic; drops idle rate windows.
    func sweep() async {
        let now = clock()
        let due = state.withLock { state in
            state.prune(at: now)
            return state.dueWork(at: now)
        }
        for work in due { await perform(work, at: now) }
    }

    /// Schedules a scope's first reset, or resets its due spend (compare-and-set, so of several instances one
    /// resets and the others read the result). A store failure is logged and the scope left alone for a few
    /// seconds; its memory stays as it was.
    func perform(_ work: ResetWork, at now: Double) async {
        do {
            try await perform(work.work, scope: work.scope, duration: work.duration, at: now)
            // A schedule can answer with a stored reset that is already due (no instance ran when it fell due).
            if case .schedule = work.work, case .reset(let expected)? = state.withLock({ $0.ledger.storeWork(for: work.scope, at: now) }) {
                try await perform(.reset(expected: expected), scope: work.scope, duration: work.duration, at: now)
            }
        } catch {
            logger.warning(
                "budget reset could not reach the store; retrying later",
                metadata: ["scope": .string(work.scope.description), "error": .string("\(error)")])
            state.withLock { $0.ledger.deferStoreWork(work.scope, until: now + Self.storeRetrySeconds) }
        }
    }

    private func perform(_ step: SpendLedger.StoreWork, scope: SpendScope, duration: BudgetDuration, at now: Double) async throws {
        switch step {
        case .schedule:
            let resetAt = try await store.scheduleBudgetReset(scope, at: duration.after(now))
            state.withLock { $0.ledger.scheduled(scope, resetAt: resetAt) }
        case .reset(let expected):
            let next = duration.after(now)
            if try await store.resetSpend(scope, expectedResetAt: expected, nextResetAt: next) {
                state.withLock { $0.ledger.didReset(scope, expected: expected, next: next) }
                logger.info("budget period ended; spend reset to 0", metadata: ["scope": .string(scope.description), "next_reset_at": "\(next)"])
                return
            }
            // Another instance reset it first (or the counter is gone): take what the store holds now.
            let counter = try await store.spendCounter(scope)
            state.withLock { state in
                if let counter { state.ledger.merge(counter) }
                if counter?.budgetResetAt == nil { state.ledger.forgetReset(scope) }
            }
        }
    }
}
