import GatewayCore
import Logging
import Synchronization

/// The budgets hook: max and soft budgets, rate limits and parallel requests per scope before the call
/// (``reserve(_:)``), the real cost and tokens after it (``commit(_:outcome:)``), and deployment `rpm`/`tpm` as a
/// routing filter (`BudgetEnforcer+Routing.swift`).
///
/// Every decision reads memory only (``BudgetState`` under one lock). The store is asked only when a scope's
/// reset is first scheduled or falls due, and by the reconcile service (`BudgetEnforcer+Store.swift`).
///
/// Budgets cannot be raced: admission reserves the request's worst-case cost (`BudgetEnforcer+WorstCase.swift`)
/// against every scope with a `max_budget` at once, under the lock, and admits it if it fits beside spend and the
/// reservations of requests in flight; the commit releases the reservation and counts the real cost. A request that
/// does not fit is admitted at the budget's edge only alone, reserving all that is left (``BudgetAdmission/edge``,
/// the default: at most one request crosses the budget), or never (``BudgetAdmission/strict``: spend passes
/// `max_budget` only by what the worst cases underestimate, since input tokens are estimated).
/// Across instances sharing a database (``sharing``), each admits from a lease on the scope's budget that the
/// store grants only while every instance's leases and the stored spend fit in `max_budget`, and `rpm_limit` is
/// leased per minute window the same way (`BudgetEnforcer+Leases.swift`); without sharing (SQLite, one process),
/// everything stays in memory.
final class BudgetEnforcer: BudgetHook, RoutingHook {
    let configured: ConfiguredBudgets
    let alertThreshold: Double
    let store: any SpendCounterStore
    let models: ModelDirectory
    /// config.yaml's `router_settings`: which fallback groups a request can reach, for its worst case.
    let routerSettings: RouterSettings
    /// The models' output limits, for the worst case of requests that name no `max_tokens`.
    let outputLimits: OutputLimits
    /// Output tokens per choice assumed when neither the request nor the model caps them (`default_max_output_tokens`).
    let defaultOutputTokens: Int
    let alerts: AlertSender?
    /// The gateway's alert channel: crossings are published there too (the `alerts` plugin delivers them).
    let channel: AlertChannel?
    let logger: Logger
    /// Remaining budget and rate-limit gauges per team and key (`BudgetMetrics.swift`).
    let metrics: BudgetMetrics
    /// Seconds since 1970; the wall clock in production, a manual one in tests.
    let clock: @Sendable () -> Double
    let state: Mutex<BudgetState>
    /// The store's shared limits and this instance's name; nil for a store of one process.
    let sharing: SharedLimits?
    /// Lets one request at a time grow this instance's leases in the store.
    let leaseGate = AsyncGate()

    init(
        configured: ConfiguredBudgets, alertThreshold: Double, store: any SpendCounterStore, models: ModelDirectory,
        routerSettings: RouterSettings = RouterSettings(), prices: PriceTable = PriceTable(),
        defaultOutputTokens: Int = CostCeiling.defaultOutputTokens, alerts: AlertSender?, channel: AlertChannel? = nil, logger: Logger,
        admission: BudgetAdmission = .edge, metrics: BudgetMetrics = .disabled, sharing: SharedLimits? = nil,
        clock: @escaping @Sendable () -> Double
    ) {
        self.sharing = sharing
        var initial = BudgetState()
        initial.admission = admission
        if let sharing {
            initial.leases = BudgetLeases(settings: sharing.leases)
            initial.sharedRates = SharedRateWindows(fraction: sharing.leases.fraction)
        }
        self.state = Mutex(initial)
        self.routerSettings = routerSettings
        self.outputLimits = OutputLimits(prices: prices)
        self.defaultOutputTokens = defaultOutputTokens
        self.channel = channel
        self.metrics = metrics
        self.configured = configured
        self.alertThreshold = alertThreshold
        self.store = store
        self.models = models
        self.alerts = alerts
        self.logger = logger
        self.clock = clock
    }

    /// Resets what is due, then admits the request and reserves its worst-case cost, or throws 400
    /// `budget_exceeded` / 429. Sets the rate-limit headers on every outcome.
    ///
    /// The store work before admission (a scope's first reset schedule, a due reset) may wait on the store, but the
    /// check and the reservation that follow are one step under the lock: requests that waited together are
    /// admitted one after the other, each seeing the reservations of those before it. A throw holds nothing.
    func reserve(_ request: GatewayRequest) async throws -> HookDecision {
        let checked = configured.checkedScopes(for: request)
        guard !checked.isEmpty else { return .proceed }
        let checksBudget = checked.contains { $0.limits.maxBudget != nil }
        if checksBudget, !state.withLock({ $0.countersLoaded }) {
            throw GatewayError.storageUnavailable("Spend counters are not loaded yet: storage is unavailable, so budgets cannot be checked.")
        }
        let now = clock()
        let due = state.withLock { $0.noteDurations(checked, at: now) }
        for work in due { await perform(work, at: now) }
        let worstCase = checksBudget ? worstCase(of: request) : nil
        var rounds = 0
        var leasing = false
        // However the request ends, the next one of this instance may grow leases.
        defer { if leasing { leaseGate.leave() } }
        while true {
            // Waiting for the lease gate or the store takes time: each round decides on the clock as it is then.
            let now = rounds == 0 && !leasing ? now : clock()
            let (admission, headers) = state.withLock { $0.admit(requestID: request.id, checked: checked, worstCase: worstCase, at: now) }
            headers.apply(to: request.responseHeaders)
            do {
                switch admission {
                case .admitted:
                    return .proceed
                case .overBudget(let refusal):
                    throw refusal
                case .rateLimited(let rejection):
                    throw rejection
                case .needsLeases(let budgets, let rates):
                    // One request of this instance grows leases at a time; the others wait, then find the slice it
                    // leased beyond its need. A few rounds are allowed (requests on the fast path may take a slice
                    // meanwhile); each round the store had room for, or the store's refusal ends the loop.
                    if !leasing {
                        await leaseGate.enter()
                        leasing = true
                        continue
                    }
                    rounds += 1
                    if rounds > Self.leaseRounds { throw refusalAfterRounds(budgets: budgets, rates: rates, checked: checked, at: now) }
                    try await grow(budgets: budgets, rates: rates, checked: checked, at: now)
                }
            } catch let refusal as BudgetRefusal {
                throw refusal.error
            } catch let rejection as RateLimitRejection {
                request.responseHeaders.set(RateLimitHeaders.retryAfter, String(rejection.retryAfter))
                throw rejection.error
            }
        }
    }

    /// Settles the request, exactly once whatever its end (answered, failed, refused later in the pipeline, client
    /// gone): releases its parallel slots and its reserved worst case, counts its tokens and real cost, and sends the
    /// alerts its cost fires.
    func commit(_ request: GatewayRequest, outcome: CallOutcome) async {
        let now = clock()
        let spendScopes = ConfiguredBudgets.spendScopes(for: request)
        let fired = state.withLock {
            $0.commit(requestID: request.id, spendScopes: spendScopes, outcome: outcome, alertThreshold: alertThreshold, at: now)
        }
        for alert in fired {
            logger.warning(
                "\(alert.message)", metadata: ["alert": .string(alert.kind.rawValue), "scope_kind": .string(alert.scope.kind.rawValue)])
            alerts?.enqueue(alert)
            channel?.publish(alert.channelAlert)
        }
        recordLevels(of: request.principal, at: now)
    }

    /// In-memory spend of a scope in USD (for tests and diagnostics).
    func spend(_ scope: SpendScope) -> Double { state.withLock { SpendUnits.usd($0.ledger.units(scope)) } }

    /// What the requests in flight hold on a scope in USD (for tests and diagnostics).
    func reserved(_ scope: SpendScope) -> Double { state.withLock { SpendUnits.usd($0.reserved.units(scope)) } }

    /// When a scope's spend next resets, as memory knows it.
    func resetAt(_ scope: SpendScope) -> Double? { state.withLock { $0.ledger.entry(scope).resetAt } }
}
