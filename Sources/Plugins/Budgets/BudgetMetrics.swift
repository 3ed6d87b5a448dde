import CoreMetrics
import GatewayCore
import Synchronization

/// The budgets plugin's gauges: what is left of each team's and key's budget (less what requests in flight reserved)
/// and of its rate limits this minute.
///
/// | gauge | labels |
/// | --- | --- |
/// | `tollgate_budget_remaining_usd` | `scope_kind` (`team`, `key`), `scope` |
/// | `tollgate_rate_limit_remaining` | `scope_kind`, `scope`, `limit` (`requests`, `tokens`) |
///
/// A scope gets gauges for the limits it has (no `max_budget`, no budget gauge). Teams are labelled by id, keys by
/// alias or else `key-` and the first 12 hex digits of their hash (the gateway's errors name keys the same way;
/// never the key). Set when a request of the scope finishes (a lock, a few lookups and atomic stores after the
/// response is decided) and refreshed on every reconcile, so resets, other instances' spend and a new minute show
/// without traffic. At most ``maxScopesPerKind`` teams and as many keys get gauges (the first seen); later ones
/// get none, so the scrape stays bounded.
final class BudgetMetrics: Sendable {
    static let remainingBudget = "tollgate_budget_remaining_usd"
    static let remainingRate = "tollgate_rate_limit_remaining"
    static let maxScopesPerKind = 1000

    private struct Tracked: Sendable {
        var entry: ScopedLimits
        var label: String
    }

    private struct Handles: Sendable {
        var budget: Gauge?
        var requests: Gauge?
        var tokens: Gauge?
    }

    let factory: any MetricsFactory
    private let tracked = Mutex<[SpendScope: (Tracked, Handles)]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records nothing (tests that build the enforcer directly).
    static let disabled = BudgetMetrics(factory: NOOPMetricsHandler.instance)

    /// The team and key scopes of a caller that have limits, with their labels.
    func scopes(of principal: Principal) -> [ScopedLimits] {
        principal.budgets.filter { ($0.scope.kind == .team || $0.scope.kind == .key) && !$0.limits.isEmpty }
    }

    /// Starts tracking the scopes (latest limits win) and sets their gauges from `levels`.
    func update(_ entries: [ScopedLimits], principal: Principal, levels: [Level]) {
        tracked.withLock { tracked in
            for (entry, level) in zip(entries, levels) {
                if tracked[entry.scope] == nil {
                    guard tracked.keys.count(where: { $0.kind == entry.scope.kind }) < Self.maxScopesPerKind else { continue }
                    tracked[entry.scope] = (Tracked(entry: entry, label: label(entry.scope, principal)), Handles())
                }
                tracked[entry.scope]!.0.entry = entry
                set(level, on: &tracked[entry.scope]!)
            }
        }
    }

    /// Every tracked scope's limits, to compute fresh levels for (the reconcile refresh).
    var trackedEntries: [ScopedLimits] { tracked.withLock { $0.values.map(\.0.entry) } }

    /// What is left of one scope's limits; nil where it has none.
    struct Level: Sendable {
        var budget: Double?
        var requests: Int?
        var tokens: Int?
    }

    private func set(_ level: Level, on slot: inout (Tracked, Handles)) {
        let dimensions = [("scope_kind", slot.0.entry.scope.kind.rawValue), ("scope", slot.0.label)]
        if let budget = level.budget {
            if slot.1.budget == nil { slot.1.budget = Gauge(label: Self.remainingBudget, dimensions: dimensions, factory: factory) }
            slot.1.budget?.record(budget)
        }
        if let requests = level.requests {
            if slot.1.requests == nil {
                slot.1.requests = Gauge(label: Self.remainingRate, dimensions: dimensions + [("limit", "requests")], factory: factory)
            }
            slot.1.requests?.record(requests)
        }
        if let tokens = level.tokens {
            if slot.1.tokens == nil {
                slot.1.tokens = Gauge(label: Self.remainingRate, dimensions: dimensions + [("limit", "tokens")], factory: factory)
            }
            slot.1.tokens?.record(tokens)
        }
    }

    private func label(_ scope: SpendScope, _ principal: Principal) -> String {
        guard scope.kind == .key else { return scope.id }
        if let alias = principal.keyAlias, !alias.isEmpty { return alias }
        return "key-" + scope.id.prefix(12)
    }
}

extension BudgetEnforcer {
    /// Sets the caller's team and key gauges after a commit.
    func recordLevels(of principal: Principal, at now: Double) {
        let entries = metrics.scopes(of: principal)
        guard !entries.isEmpty else { return }
        metrics.update(entries, principal: principal, levels: levels(entries, at: now))
    }

    /// Refreshes every tracked scope's gauges (from the reconcile service).
    func refreshLevels() {
        let entries = metrics.trackedEntries
        guard !entries.isEmpty else { return }
        metrics.update(entries, principal: Principal.anonymous, levels: levels(entries, at: clock()))
    }

    private func levels(_ entries: [ScopedLimits], at now: Double) -> [BudgetMetrics.Level] {
        state.withLock { state in
            entries.map { entry in
                let rates = state.rates.headers(for: [entry], at: now)
                return BudgetMetrics.Level(
                    // What a new request can still be admitted against: requests in flight hold their worst case.
                    budget: entry.limits.maxBudget.map {
                        $0 - SpendUnits.usd(state.ledger.units(entry.scope).saturatingAdd(state.reserved.units(entry.scope)))
                    },
                    requests: rates.requests?.remaining, tokens: rates.tokens?.remaining)
            }
        }
    }
}
