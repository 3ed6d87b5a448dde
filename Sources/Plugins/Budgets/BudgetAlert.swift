import Foundation
import GatewayCore

/// A scope's spend crossed a threshold: its soft budget, `alert_threshold` × its max budget, or its max budget.
///
/// A crossing is `before < threshold ≤ after` for one commit, so each threshold alerts once per budget period:
/// commits are applied one at a time under the hook's lock, and a reset (spend back to 0) re-arms them.
struct BudgetAlert: Sendable, Equatable {
    enum Kind: String, Sendable {
        case softBudgetCrossed = "soft_budget_crossed"
        case thresholdCrossed = "budget_threshold_crossed"
        case budgetExceeded = "budget_exceeded"
    }

    var kind: Kind
    var scope: SpendScope
    /// Spend after the commit, in USD.
    var spend: Double
    /// The threshold crossed, in USD.
    var threshold: Double
    var maxBudget: Double?
    var softBudget: Double?
    /// When it was crossed, seconds since 1970.
    var timestamp: Double

    /// The alerts one commit fires for one scope.
    /// - Parameters:
    ///   - before: spend in units before the commit.
    ///   - after: spend in units after it.
    ///   - alertThreshold: the fraction of `max_budget` that warns (`alert_threshold`).
    static func crossings(
        _ scoped: ScopedLimits, before: Int64, after: Int64, alertThreshold: Double, at now: Double
    ) -> [BudgetAlert] {
        let limits = scoped.limits
        var thresholds: [(Kind, Double)] = []
        if let soft = limits.softBudget { thresholds.append((.softBudgetCrossed, soft)) }
        if let max = limits.maxBudget {
            // At alert_threshold 1 the warning would repeat the exceeded alert.
            if alertThreshold < 1 { thresholds.append((.thresholdCrossed, max * alertThreshold)) }
            thresholds.append((.budgetExceeded, max))
        }
        return thresholds.compactMap { kind, threshold in
            let units = SpendUnits.units(threshold)
            guard before < units, units <= after else { return nil }
            return BudgetAlert(
                kind: kind, scope: scoped.scope, spend: SpendUnits.usd(after), threshold: threshold, maxBudget: limits.maxBudget,
                softBudget: limits.softBudget, timestamp: now)
        }
    }

    /// The webhook body: `{"type", "scope": {"kind", "id"}, "spend", "threshold", "max_budget", "soft_budget", "timestamp"}`.
    var json: JSON {
        [
            "type": .string(kind.rawValue),
            "scope": ["kind": .string(scope.kind.rawValue), "id": .string(scope.id)],
            "spend": .double(spend),
            "threshold": .double(threshold),
            "max_budget": maxBudget.map(JSON.double) ?? .null,
            "soft_budget": softBudget.map(JSON.double) ?? .null,
            "timestamp": .double(timestamp),
        ]
    }

    /// One line for the log.
    var message: String {
        let what =
            switch kind {
            case .softBudgetCrossed: "reached its soft budget"
            case .thresholdCrossed: "reached the alert threshold of its max budget"
            case .budgetExceeded: "reached its max budget"
            }
        return "\(scope) \(what): spend \(String(format: "%.6f", spend)) USD, threshold \(String(format: "%.6f", threshold)) USD"
    }
}
