import GatewayCore

/// The worst-case costs of the requests in flight, per scope: what admission counts on top of spend, so requests
/// running at once cannot together pass a `max_budget` (``BudgetState/admit(requestID:checked:worstCase:at:)``).
///
/// A request holds its worst case on every scope with a `max_budget` (or, admitted at a budget's edge, all that was
/// left of it) from admission until its commit, which releases exactly what it held and adds the real cost instead.
struct ReservedSpend: Sendable {
    private var held: [SpendScope: Int64] = [:]

    /// Units held on a scope by the requests in flight.
    func units(_ scope: SpendScope) -> Int64 { held[scope] ?? 0 }

    /// Holds each scope's amount.
    mutating func hold(_ amounts: [SpendScope: Int64]) {
        for (scope, amount) in amounts where amount > 0 { held[scope] = (held[scope] ?? 0).saturatingAdd(amount) }
    }

    /// Releases what ``hold(_:)`` took; a scope with nothing left is forgotten (the map stays as small as the set of
    /// scopes with requests in flight).
    mutating func release(_ amounts: [SpendScope: Int64]) {
        for (scope, amount) in amounts where amount > 0 {
            let left = (held[scope] ?? 0) - amount
            held[scope] = left > 0 ? left : nil
        }
    }
}

extension FixedWidthInteger {
    /// `self + other`, capped at `max` (or `min`) instead of trapping.
    func saturatingAdd(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self - other`, capped at `max` or `min` instead of trapping.
    func saturatingSubtract(_ other: Self) -> Self {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }
}
