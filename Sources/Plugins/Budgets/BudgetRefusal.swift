import Foundation
import GatewayCore
import HTTPTypes

/// Why a `max_budget` refused a request: its spend reached the budget, the request's worst case is larger than the
/// whole budget (strict admission), or spend plus what requests in flight reserved leaves too little for it.
struct BudgetRefusal: Error, Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        /// Spend has reached `max_budget`.
        case spent
        /// Strict admission: the request's worst case alone is more than `max_budget`, so it can never be admitted as it is.
        case neverFits
        /// Spend and the reservations of requests in flight leave less than the request's worst case.
        case noRoom
        /// Edge admission: the request's worst case does not fit and requests in flight hold the rest of the budget;
        /// near the edge requests are admitted one at a time.
        case oneAtATime
    }

    var reason: Reason
    var scope: SpendScope
    var maxBudget: Double
    /// Spend, reservations of requests in flight and the request's worst case, in ``SpendUnits``.
    var spend: Int64
    var reserved: Int64
    var worstCase: Int64

    /// What a request holds on `entry`'s `max_budget`, or why it is refused.
    ///
    /// Both modes admit a request whose worst case fits, `spend + reserved + worstCase ≤ max_budget`, holding its worst
    /// case, and refuse once spend has reached the budget. Otherwise ``BudgetAdmission/edge`` admits it when nothing is
    /// reserved (no request in flight against the budget), holding all that is left; ``BudgetAdmission/strict``
    /// refuses it.
    /// - Returns: the units to hold on the scope; a refusal; nil when `entry` has no `max_budget`.
    static func hold(
        _ entry: ScopedLimits, spend: Int64, reserved: Int64, worstCase: Int64, admission: BudgetAdmission
    ) -> Result<Int64, BudgetRefusal>? {
        guard let maxBudget = entry.limits.maxBudget else { return nil }
        let limit = SpendUnits.units(maxBudget)
        let reason: Reason
        if spend >= limit {
            reason = .spent
        } else if spend.saturatingAdd(reserved).saturatingAdd(worstCase) <= limit {
            return .success(worstCase)
        } else if admission == .edge {
            guard reserved > 0 else { return .success(limit - spend) }
            reason = .oneAtATime
        } else {
            reason = worstCase > limit ? .neverFits : .noRoom
        }
        return .failure(
            BudgetRefusal(reason: reason, scope: entry.scope, maxBudget: maxBudget, spend: spend, reserved: reserved, worstCase: worstCase))
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
            case .oneAtATime:
                "\(scope): spend \(Self.usd(spend)) USD and \(Self.usd(reserved)) USD reserved by requests in flight leave too little of its "
                    + "\(budget) for this request (up to \(Self.usd(worstCase)) USD). Near the budget's edge requests are admitted one at a "
                    + "time: retry when the requests in flight finish."
            }
        return GatewayError(status: .badRequest, message: "Budget has been exceeded! " + message, type: "budget_exceeded", code: "budget_exceeded")
    }

    private static func usd(_ units: Int64) -> String { usd(SpendUnits.usd(units)) }

    private static func usd(_ amount: Double) -> String { String(format: "%.6f", amount) }
}
