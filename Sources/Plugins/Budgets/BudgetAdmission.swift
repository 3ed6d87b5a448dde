/// How a `max_budget` treats a request whose worst-case cost does not fit beside spend and the reservations of the
/// requests in flight (the budgets plugin's `budget_admission`).
///
/// Either way admission cannot be raced: the decision and the reservation are one step under the budgets lock, so
/// requests sent at once are never admitted beyond what the same requests sent one after another would be.
public enum BudgetAdmission: String, Sendable, CaseIterable {
    /// The default: a budget stays usable up to its edge, as LiteLLM's `spend < max_budget`. A request whose worst
    /// case does not fit is admitted only when no request is in flight against the budget and some of it is left; it
    /// then reserves all that is left, so the next one waits for it. Near the edge requests go one at a time: at most
    /// one request crosses the budget, by at most its own cost.
    case edge
    /// Never exceed: a request is admitted only when its worst case fits (spend then passes `max_budget` only by what
    /// the worst cases underestimate, since input tokens are estimated).
    case strict
}
