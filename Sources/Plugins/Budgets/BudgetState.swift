import GatewayCore

/// Every decision of the budgets hook over its in-memory state, as plain mutating methods: the hook holds one
/// of these under a lock, so checking all of a request's scopes and taking from them is one atomic step.
struct BudgetState: Sendable {
    /// What a request took in ``admit(requestID:checked:worstCase:at:)``, returned by its commit.
    struct Reservation: Sendable {
        var checked: [ScopedLimits]
        /// Scopes where the request holds a parallel slot.
        var slots: [SpendScope]
        /// Units held per scope with a `max_budget`: the request's worst case, or all that was left at the edge.
        var held: [SpendScope: Int64]
    }

    enum Admission: Sendable {
        case admitted
        case overBudget(BudgetRefusal)
        case rateLimited(RateLimitRejection)
        /// Shared limits only: leases to grow in the store before the request can be decided (nothing was taken).
        case needsLeases(budgets: [BudgetLeases.Need], rates: [SharedRateWindows.Need])
    }

    /// What a budget does with a request whose worst case does not fit (`budget_admission`).
    var admission = BudgetAdmission.edge
    var ledger = SpendLedger()
    /// Whether the stored counters have been read once: until then spend from before this start (and other
    /// instances') is unknown, so no `max_budget` can be checked.
    var countersLoaded = false
    var rates = ScopeRateLimiter()
    var deployments = DeploymentRateLimiter()
    /// Worst-case costs of the requests in flight, per scope with a `max_budget`.
    var reserved = ReservedSpend()
    private var reservations: [String: Reservation] = [:]
    /// Budget leases when the store is shared by several instances; nil keeps budgets in memory only.
    var leases: BudgetLeases?
    /// Shared rate windows when the store is shared by several instances.
    var sharedRates: SharedRateWindows?
    /// The scopes seen with a `budget_duration`, for the sweep that resets spend without traffic.
    private(set) var durations: [SpendScope: BudgetDuration] = [:]

    /// Remembers which checked scopes reset on a duration (the latest limits seen win).
    /// - Returns: the store work due for them before their spend is read.
    mutating func noteDurations(_ checked: [ScopedLimits], at now: Double) -> [ResetWork] {
        var work: [ResetWork] = []
        for entry in checked {
            guard let duration = entry.limits.budgetDuration.flatMap(BudgetDuration.init) else {
                durations[entry.scope] = nil
                continue
            }
            durations[entry.scope] = duration
            if let due = ledger.storeWork(for: entry.scope, at: now) { work.append(ResetWork(scope: entry.scope, duration: duration, work: due)) }
        }
        return work
    }

    /// The store work due for every scope seen with a duration (the background sweep).
    func dueWork(at now: Double) -> [ResetWork] {
        durations.compactMap { scope, duration in
            ledger.storeWork(for: scope, at: now).map { ResetWork(scope: scope, duration: duration, work: $0) }
        }
    }

    /// Admits a request or says why not, in one step over every scope: budgets first (a 400 wins over a 429, as in
    /// LiteLLM, whose budget checks run in auth), then rate limits; nothing is taken unless all pass. Admitted, the
    /// request holds its worst case on every scope with a `max_budget` until its commit.
    ///
    /// A scope admits the request while `spend + reserved + worstCase ≤ max_budget`: however many requests arrive at
    /// once, those admitted can together cost no more than the budget left (as far as their worst cases hold). Past
    /// that, ``admission`` decides (``BudgetRefusal/hold(_:spend:reserved:worstCase:admission:)``): at the edge a
    /// request alone on the budget holds all that is left, so the next waits for it to settle.
    /// - Parameter worstCase: the request's worst-case cost in units; nil for a model that costs nothing, which no
    ///   budget can stop.
    /// - Returns: the decision, and the rate-limit headers as they stand after it.
    mutating func admit(
        requestID: String, checked: [ScopedLimits], worstCase: Int64?, at now: Double
    ) -> (Admission, RateLimitHeaders) {
        var held = [SpendScope: Int64](minimumCapacity: checked.count)
        var budgetNeeds: [BudgetLeases.Need] = []
        if let worstCase {
            for entry in checked {
                let scope = entry.scope
                let inFlight = reserved.units(scope)
                switch BudgetRefusal.hold(entry, spend: ledger.units(scope), reserved: inFlight, worstCase: worstCase, admission: admission) {
                case nil:
                    continue
                case .failure(let refusal):
                    return (.overBudget(refusal), rates.headers(for: checked, at: now))
                case .success(let amount):
                    held[scope] = amount
                    let maxBudget = SpendUnits.units(entry.limits.maxBudget ?? 0)
                    if let need = leases?.need(scope, maxBudget: maxBudget, reserved: inFlight, worstCase: amount, at: now) {
                        budgetNeeds.append(need)
                    }
                }
            }
        }
        let (rateNeeds, rejection) = sharedRateCheck(checked, at: now)
        if let rejection { return (.rateLimited(rejection), rates.headers(for: checked, at: now)) }
        if !budgetNeeds.isEmpty || !rateNeeds.isEmpty {
            return (.needsLeases(budgets: budgetNeeds, rates: rateNeeds), rates.headers(for: checked, at: now))
        }
        switch rates.admit(checked, at: now) {
        case .failure(let rejection):
            return (.rateLimited(rejection), rates.headers(for: checked, at: now))
        case .success(let slots):
            reserved.hold(held)
            if worstCase != nil, leases != nil {
                let budgets = Dictionary(checked.compactMap { entry in entry.limits.maxBudget.map { (entry.scope, SpendUnits.units($0)) } }) { a, _ in
                    a
                }
                leases?.noteUse(Array(held.keys), maxBudgets: budgets, at: now)
            }
            reservations[requestID] = Reservation(checked: checked, slots: slots, held: held)
            return (.admitted, rates.headers(for: checked, at: now))
        }
    }

    /// Settles a request: releases its parallel slots and its reservation, counts its tokens and its real cost.
    /// - Parameter spendScopes: every scope the store will count the cost against.
    /// - Returns: the alerts its cost fires.
    mutating func commit(
        requestID: String, spendScopes: [SpendScope], outcome: CallOutcome, alertThreshold: Double, at now: Double
    ) -> [BudgetAlert] {
        let reservation = reservations.removeValue(forKey: requestID)
        let tokens = outcome.usage?.totalTokens ?? 0
        if let reservation {
            rates.release(reservation.slots)
            reserved.release(reservation.held)
            rates.addTokens(tokens, to: reservation.checked.filter { $0.limits.tpmLimit != nil }.map(\.scope), at: now)
        }
        if let deployment = outcome.deployment { deployments.addTokens(tokens, to: deployment, at: now) }
        let changes = ledger.add(SpendUnits.units(outcome.cost), to: spendScopes)
        leases?.spend(SpendUnits.units(outcome.cost), on: spendScopes)
        return (reservation?.checked ?? []).flatMap { entry -> [BudgetAlert] in
            guard let change = changes[entry.scope] else { return [] }
            return BudgetAlert.crossings(entry, before: change.before, after: change.after, alertThreshold: alertThreshold, at: now)
        }
    }

    /// With shared rate windows: the tpm refusal from every instance's tokens, else the rpm leases to grow first.
    private mutating func sharedRateCheck(
        _ checked: [ScopedLimits], at now: Double
    ) -> (needs: [SharedRateWindows.Need], rejection: RateLimitRejection?) {
        guard sharedRates != nil else { return ([], nil) }
        var needs: [SharedRateWindows.Need] = []
        for entry in checked {
            let scope = entry.scope
            if let tpm = entry.limits.tpmLimit {
                sharedRates?.noteTokenLimit(scope, at: now)
                if rates.tokens(scope, at: now).saturatingAdd(sharedRates?.othersTokens(scope, at: now) ?? 0) >= tpm {
                    let rejection = RateLimitRejection(
                        subject: scope.description, limit: .tokensPerMinute, value: tpm, retryAfter: MinuteWindow.secondsToEnd(from: now))
                    return ([], rejection)
                }
            }
            if let rpm = entry.limits.rpmLimit, let need = sharedRates?.need(scope, rpm: rpm, localRequests: rates.requests(scope, at: now), at: now)
            {
                needs.append(need)
            }
        }
        return (needs, nil)
    }

    /// Drops rate windows with nothing left in them.
    mutating func prune(at now: Double) {
        rates.prune(at: now)
        deployments.prune(at: now)
    }
}

/// Store work due for one scope that resets on a duration.
struct ResetWork: Sendable, Equatable {
    var scope: SpendScope
    var duration: BudgetDuration
    var work: SpendLedger.StoreWork
}
