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
/// Overshoot bound: a request is admitted while its scopes' spend is below `max_budget`, and a request's cost
/// is counted only when it finishes. So spend can pass `max_budget` by at most the cost of the requests already
/// in flight when it was crossed (plus, across instances, what other instances spent since the last
/// reconcile, at most `reconcile_seconds` of their traffic).
final class BudgetEnforcer: BudgetHook, RoutingHook {
    let configured: ConfiguredBudgets
    let alertThreshold: Double
    let store: any SpendCounterStore
    let models: ModelDirectory
    let alerts: AlertSender?
    /// The gateway's alert channel: crossings are published there too (the `alerts` plugin delivers them).
    let channel: AlertChannel?
    let logger: Logger
    /// Remaining budget and rate-limit gauges per team and key (`BudgetMetrics.swift`).
    let metrics: BudgetMetrics
    /// Seconds since 1970; the wall clock in production, a manual one in tests.
    let clock: @Sendable () -> Double
    let state = Mutex(BudgetState())

    init(
        configured: ConfiguredBudgets, alertThreshold: Double, store: any SpendCounterStore, models: ModelDirectory, alerts: AlertSender?,
        channel: AlertChannel? = nil, logger: Logger, metrics: BudgetMetrics = .disabled, clock: @escaping @Sendable () -> Double
    ) {
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

    /// Resets what is due, then admits the request or throws 400 `budget_exceeded` / 429. Sets the rate-limit
    /// headers on every outcome.
    func reserve(_ request: GatewayRequest) async throws -> HookDecision {
        let checked = configured.checkedScopes(for: request)
        guard !checked.isEmpty else { return .proceed }
        let now = clock()
        let due = state.withLock { $0.noteDurations(checked, at: now) }
        for work in due { await perform(work, at: now) }
        let checkBudgets = checked.contains { $0.limits.maxBudget != nil } && !isFree(request)
        let (admission, headers) = state.withLock { $0.admit(requestID: request.id, checked: checked, checkBudgets: checkBudgets, at: now) }
        headers.apply(to: request.responseHeaders)
        switch admission {
        case .admitted:
            return .proceed
        case .overBudget(let entry, let units):
            throw GatewayError.budgetExceeded(entry.scope, spend: SpendUnits.usd(units), maxBudget: entry.limits.maxBudget ?? 0)
        case .rateLimited(let rejection):
            request.responseHeaders.set(RateLimitHeaders.retryAfter, String(rejection.retryAfter))
            throw rejection.error
        }
    }

    /// Releases the request's parallel slots, counts its tokens and cost, and sends the alerts its cost fires.
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

    /// Whether every deployment the request may reach costs nothing: then no budget can stop it (LiteLLM skips
    /// budget checks for free models too); rate limits still apply.
    private func isFree(_ request: GatewayRequest) -> Bool {
        guard let model = request.model else { return false }
        let deployments = models.catalog.deployments(for: model, teamID: request.principal.teamID)
        return !deployments.isEmpty && deployments.allSatisfy { $0.inputCostPerToken == 0 && $0.outputCostPerToken == 0 }
    }

    /// In-memory spend of a scope in USD (for tests and diagnostics).
    func spend(_ scope: SpendScope) -> Double { state.withLock { SpendUnits.usd($0.ledger.units(scope)) } }

    /// When a scope's spend next resets, as memory knows it.
    func resetAt(_ scope: SpendScope) -> Double? { state.withLock { $0.ledger.entry(scope).resetAt } }
}
