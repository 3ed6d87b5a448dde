import Foundation
import GatewayCore
import HTTPTypes

/// Why a `max_budget` refused a request: its spend reached the budget, the request's worst case is larger than the
/// whole budget, or spend plus what requests in flight reserved leaves too little for the request's worst case.
struct BudgetRefusal: Error, Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        /// Spend has reached `max_budget`.
        case spent
        /// The request's worst case alone is more than `max_budget`: it can never be admitted as it is.
        case neverFits
        /// Spend and the reservations of requests in flight leave less than the request's worst case.
        case noRoom
    }

    var reason: Reason
    var scope: SpendScope
    var maxBudget: Double
    /// Spend, reservations of requests in flight and the request's worst case, in ``SpendUnits``.
    var spend: Int64
    var reserved: Int64
    var worstCase: Int64

    /// The refusal of `entry`'s `max_budget` for a request whose worst case is `worstCase`, or nil when it fits:
    /// `spend + reserved + worstCase ≤ max_budget` (and spend still under it).
    static func check(_ entry: ScopedLimits, spend: Int64, reserved: Int64, worstCase: Int64) -> BudgetRefusal? {
        guard let maxBudget = entry.limits.maxBudget else { return nil }
        let limit = SpendUnits.units(maxBudget)
        let reason: Reason
        if spend >= limit {
            reason = .spent
        } else if worstCase > limit {
            reason = .neverFits
        } else if spend.saturatingAdd(reserved).saturatingAdd(worstCase) > limit {
            reason = .noRoom
        } else {
            return nil
        }
        return BudgetRefusal(reason: reason, scope: entry.scope, maxBudget: maxBudget, spend: spend, reserved: reserved, worstCase: worstCase)
    }

    /// The 400 `budget_exceeded` the client sees (LiteLLM's status and type): the scope, its numbers, and what to do.
    /// Never a key (a key is named by its hash prefix).
    var error: GatewayError {
        let budget = "max budget \(Self.usd(maxBudget)) USD"
        let message =
            switch reason {
            case .spent:
                "\(scope): spend \(Self.usd(spend)) USD, \(budget)."
            case .neverFits:
                "\(scope): this request may cost up to \(Self.usd(worstCase)) USD, more than its whole \(budget). "
                    + "Lower max_tokens so that its worst case fits."
            case .noRoom:
                "\(scope): spend \(Self.usd(spend)) USD and \(Self.usd(reserved)) USD reserved by requests in flight leave "
                    + "\(Self.usd(max(0, SpendUnits.units(maxBudget).saturatingSubtract(spend.saturatingAdd(reserved))))) USD of its \(budget), "
                    + "and this request may cost up to \(Self.usd(worstCase)) USD. Retry when requests in flight finish, or lower max_tokens."
            }
        return GatewayError(status: .badRequest, message: "Budget has been exceeded! " + message, type: "budget_exceeded", code: "budget_exceeded")
    }

    private static func usd(_ units: Int64) -> String { usd(SpendUnits.usd(units)) }

    private static func usd(_ amount: Double) -> String { String(format: "%.6f", amount) }
}
