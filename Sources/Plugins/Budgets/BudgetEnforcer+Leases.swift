import GatewayCore
import Logging
import Synchronization

/// The store side of limits shared by several instances (``SharedLimitStore``): growing budget leases and rate
/// leases when admission needs them, and the background upkeep (renewals, token sync, release on shutdown).
extension BudgetEnforcer {
    /// Admission rounds that may grow leases before a request is refused.
    static let leaseRounds = 4

    /// Grows the leases a request needs.
    /// - Throws: ``BudgetRefusal`` or ``RateLimitRejection`` when the store cannot grant what the request needs; the
    ///   store's error when it cannot be reached.
    func grow(
        budgets: [BudgetLeases.Need], rates: [SharedRateWindows.Need], checked: [ScopedLimits], at now: Double
    ) async throws {
        guard let sharing else { return }
        for need in budgets {
            let lease = try await sharing.store.leaseBudget(
                BudgetLeaseRequest(
                    scope: need.scope, instanceID: sharing.instanceID, maxBudget: need.maxBudget, target: need.target, minimum: need.minimum,
                    expiresAt: now + sharing.leases.ttlSeconds, now: now))
            state.withLock { $0.leases?.stored(need.scope, maxBudget: need.maxBudget, lease: lease) }
            guard lease.granted < need.minimum || lease.expiresAt <= now else { continue }
            // What holds the budget besides this request: the counter, the other instances' leases, and this
            // instance's own requests in flight and spend not yet counted.
            let own = max(0, need.minimum.saturatingSubtract(need.worstCase).saturatingSubtract(lease.spent))
            throw BudgetRefusal(
                reason: lease.counted >= need.maxBudget ? .spent : .noRoom, scope: need.scope, maxBudget: configuredMaxBudget(need, checked),
                spend: lease.counted,
                reserved: lease.othersHeld.saturatingAdd(own), worstCase: need.worstCase)
        }
        for need in rates {
            let tokens = state.withLock { $0.rates.tokens(need.scope, at: now) }
            let lease = try await sharing.store.leaseRateWindow(
                RateWindowRequest(
                    scope: need.scope, instanceID: sharing.instanceID, windowStart: need.windowStart, requestLimit: need.limit,
                    requests: need.requests, minimumRequests: 1, tokens: tokens))
            let used = state.withLock { state in
                state.sharedRates?.stored(need.scope, windowStart: need.windowStart, lease: lease, reportedTokens: tokens)
                return state.rates.requests(need.scope, at: now)
            }
            guard lease.requests <= used else { continue }
            throw RateLimitRejection(
                subject: need.scope.description, limit: .requestsPerMinute, value: need.limit, retryAfter: MinuteWindow.secondsToEnd(from: now))
        }
    }

    /// The refusal of a request whose leases were grown ``leaseRounds`` times and still fell short (requests admitted
    /// here meanwhile took each slice).
    func refusalAfterRounds(budgets: [BudgetLeases.Need], rates: [SharedRateWindows.Need], checked: [ScopedLimits], at now: Double) -> any Error {
        if let need = budgets.first {
            let (spend, reserved) = state.withLock { ($0.ledger.units(need.scope), $0.reserved.units(need.scope)) }
            return BudgetRefusal(
                reason: .noRoom, scope: need.scope, maxBudget: configuredMaxBudget(need, checked), spend: spend, reserved: reserved,
                worstCase: need.worstCase)
        }
        let need = rates.first
        return RateLimitRejection(
            subject: need?.scope.description ?? "this scope", limit: .requestsPerMinute, value: need?.limit ?? 0,
            retryAfter: MinuteWindow.secondsToEnd(from: now))
    }

    /// The scope's `max_budget` as configured, in USD, for a refusal's message.
    private func configuredMaxBudget(_ need: BudgetLeases.Need, _ checked: [ScopedLimits]) -> Double {
        checked.first { $0.scope == need.scope }?.limits.maxBudget ?? SpendUnits.usd(need.maxBudget)
    }

    /// Reports this instance's tokens of the current window and reads the others' (every `rate_limit_sync_seconds`).
    func syncTokens() async throws {
        guard let sharing else { return }
        let now = clock()
        let syncs = state.withLock { $0.sharedRates?.tokenSyncs(at: now) ?? [] }
        for (scope, windowStart) in syncs {
            let tokens = state.withLock { $0.rates.tokens(scope, at: now) }
            let lease = try await sharing.store.leaseRateWindow(
                RateWindowRequest(
                    scope: scope, instanceID: sharing.instanceID, windowStart: windowStart, requestLimit: nil, requests: 0, minimumRequests: 1,
                    tokens: tokens))
            state.withLock { $0.sharedRates?.stored(scope, windowStart: windowStart, lease: lease, reportedTokens: tokens) }
        }
    }

    /// Renews the budget leases in use and hands back what idle ones hold.
    func upkeepLeases() async throws {
        guard let sharing else { return }
        let now = clock()
        let work = state.withLock { state in
            let reserved = state.reserved
            return state.leases?.upkeep(reserved: { reserved.units($0) }, at: now) ?? []
        }
        try await perform(work, sharing: sharing, at: now)
    }

    /// Hands back every lease's headroom (graceful shutdown): other instances can use it at once, not after the TTL.
    func releaseLeases() async throws {
        guard let sharing else { return }
        let work = state.withLock { state in
            let reserved = state.reserved
            return state.leases?.release(reserved: { reserved.units($0) }) ?? []
        }
        try await perform(work, sharing: sharing, at: clock())
    }

    private func perform(_ work: [BudgetLeases.Upkeep], sharing: SharedLimits, at now: Double) async throws {
        for item in work {
            switch item {
            case .renew(let scope, let maxBudget, let granted):
                let lease = try await sharing.store.leaseBudget(
                    BudgetLeaseRequest(
                        scope: scope, instanceID: sharing.instanceID, maxBudget: maxBudget, target: granted, minimum: 0,
                        expiresAt: now + sharing.leases.ttlSeconds, now: now))
                state.withLock { $0.leases?.stored(scope, maxBudget: maxBudget, lease: lease) }
            case .trim(let scope, let granted):
                try await sharing.store.trimBudgetLease(scope, instanceID: sharing.instanceID, toGranted: granted)
            }
        }
    }
}
