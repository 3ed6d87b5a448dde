import Foundation
public import GatewayCore
import ServiceLifecycle

/// `budgets`: LiteLLM's budgets and rate limits at every level, enforced in memory.
///
/// Before the call, the request is checked against every scope the auth plugin lists on the principal (key,
/// personal user, team, team member, organization, project, end user), this config's default end-user limits
/// when the auth plugin lists none for the end user, the tag budgets of its `metadata.tags`, and the gateway's
/// budget. A request whose worst-case cost does not fit in a `max_budget` beside its spend and the requests in
/// flight answers 400 `budget_exceeded` (a model whose deployments cost nothing skips this); `rpm_limit`, `tpm_limit` and `max_parallel_requests` answer 429 with `retry-after`. Every response
/// carries `x-ratelimit-{limit,remaining}-{requests,tokens}` of the most constrained scope. Deployments whose
/// `rpm`/`tpm` is used up this minute are skipped by routing. Spend resets every `budget_duration`; crossing a
/// soft budget, `alert_threshold` of a max budget or the max budget logs a warning, POSTs to `alert_webhook_url` and
/// is published on the gateway's alert channel (delivered by the `alerts` plugin).
///
/// Spend is read from memory, never per request from the database: loaded from the store's counters at startup,
/// increased by each finished request, and merged with the stored counters every `reconcile_seconds` (other
/// instances' spend). Admission reserves the request's worst-case cost (estimated input, plus `max_tokens` or the
/// model's output limit, at the most expensive deployment it can reach) against every `max_budget` at once; a
/// request is admitted only if `spend + reserved + worst case ≤ max_budget`, and its commit swaps the reservation for
/// the real cost. So concurrent requests cannot race past a budget; with several instances on one database, each
/// admits from a lease the database grants only while all leases and the stored spend fit (see below).
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `max_budget` | USD, the whole gateway | none |
/// | `soft_budget` | USD, the whole gateway (alert only) | none |
/// | `budget_duration` | `30s`, `1h`, `1d`, `7d`, `30d`, `1mo`... (the gateway's budget) | never resets |
/// | `end_user_budget` | object: `max_budget`, `soft_budget`, `budget_duration`, `rpm_limit`, `tpm_limit`, `max_parallel_requests` | none |
/// | `tag_budgets` | object: tag → the same fields as `end_user_budget` | `{}` |
/// | `alert_webhook_url` | http(s) URL receiving alerts as JSON | none (log only) |
/// | `alert_threshold` | fraction of `max_budget` that warns, in (0, 1] | 0.8 |
/// | `reconcile_seconds` | number | 5 |
/// | `budget_admission` | `edge`: near a `max_budget`'s edge requests go one at a time, at most one crossing it; `strict`: a request is admitted only if its worst case fits | `edge` |
/// | `default_max_output_tokens` | output tokens reserved for a request without `max_tokens` on a model whose output limit is unknown | 4096 |
/// | `lease_fraction` | shared store: slice of `max_budget` / `rpm_limit` leased at a time, in (0, 1] | 0.1 |
/// | `lease_max_usd` | shared store: largest budget slice in USD | none |
/// | `lease_ttl_seconds` | shared store: a budget lease's life unless renewed, at least 1 | 30 |
/// | `rate_limit_sync_seconds` | shared store: how often tokens per minute are reported and read | 0.25 |
///
/// With a store that several instances share (Postgres), budgets and `rpm_limit` are leased from the store and
/// `tpm_limit` is synced through it (``SharedLimitStore``, `BudgetEnforcer+Leases.swift`); `max_parallel_requests`
/// and deployment `rpm`/`tpm` stay per instance.
///
/// Needs a storage plugin: the spend-log plugin writes the spend this plugin reads back.
public enum BudgetsPlugin: Plugin {
    public static let id = "budgets"

    /// Builds the hook on the wall clock, loads the stored counters, and returns the reconcile service (and the
    /// alert sender when `alert_webhook_url` is set).
    /// - Throws: ``ConfigError`` without a storage plugin; the store's error when its counters cannot be read, unless
    ///   the store is unavailable (then they are read once it is back).
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        try await build(configuration: configuration, context: context, now: { Date().timeIntervalSince1970 }).components
    }

    /// Builds the plugin with a given clock (tests pass a manual one) and loads the stored counters.
    static func build(
        configuration: Configuration, context: PluginContext, now: @escaping @Sendable () -> Double
    ) async throws -> (enforcer: BudgetEnforcer, components: PluginComponents) {
        guard let store = context.store else {
            throw ConfigError("plugin 'budgets' needs a storage plugin (sqlite-store or postgres-store) enabled in plugins.json")
        }
        let sender = configuration.alertWebhookURL.map { AlertSender(url: $0, httpClient: context.httpClient, logger: context.logger) }
        let configured = ConfiguredBudgets(
            global: configuration.global.isEmpty ? nil : configuration.global, endUserDefault: configuration.endUserBudget,
            tags: configuration.tagBudgets)
        let sharing = store.sharedLimits.map { shared in
            SharedLimits(
                store: shared, instanceID: context.instanceID,
                leases: LeaseSettings(
                    fraction: configuration.leaseFraction, maxSliceUnits: configuration.leaseMaxUSD.map { SpendUnits.units($0) },
                    ttlSeconds: configuration.leaseTTLSeconds),
                syncSeconds: configuration.rateLimitSyncSeconds)
        }
        let enforcer = BudgetEnforcer(
            configured: configured, alertThreshold: configuration.alertThreshold, store: store, models: context.models,
            routerSettings: context.config.router, prices: context.config.prices, defaultOutputTokens: configuration.defaultMaxOutputTokens,
            alerts: sender, channel: context.alerts, logger: context.logger, admission: configuration.admission,
            metrics: BudgetMetrics(factory: context.metrics.factory), sharing: sharing, clock: now)
        // With the store down at startup, the gateway starts anyway: requests checked against a max_budget answer
        // 503 until the counters are read (StartupLoad retries as soon as the store is ready).
        let initial = StartupLoad("spend counters", store: store, logger: context.logger) { try await enforcer.reconcile() }
        try await initial.loadNow()
        // Resets spend whose budget_duration ended, so budgets reset without traffic, and merges the store's
        // counters into memory (other instances' spend; see SpendLedger).
        let reconciler = PeriodicService(
            everySeconds: configuration.reconcileSeconds, logger: context.logger,
            failureMessage: "stored spend counters could not be read; keeping the in-memory ones"
        ) {
            await enforcer.sweep()
            try await enforcer.reconcile()
            enforcer.refreshLevels()
        }
        var services: [any Service] = [initial, reconciler]
        if let sender { services.append(sender) }
        if let sharing {
            services.append(
                SharedLimitSync(
                    enforcer: enforcer, syncSeconds: sharing.syncSeconds, renewSeconds: sharing.leases.ttlSeconds / 3, logger: context.logger))
        }
        return (enforcer, PluginComponents(hooks: [enforcer], services: services))
    }
}
