import GatewayCore

extension TeamMember {
    /// The limits the member is held to within `team` (the team member scope): those of its shared budget object
    /// (`budget_id`) over its own, each field the budget sets winning and the member's own filling the rest, as
    /// ``EndUserRecord/heldTo(_:)`` does for end users. Without a `budget_duration` of the budget's, the member's
    /// spend resets with the team's. The spend stays the member's own within the team.
    /// - Parameter budget: the object `budgetID` names, nil when none (or when it was deleted under the member).
    func limits(in team: TeamRecord, heldTo budget: BudgetRecord?) -> BudgetLimits {
        BudgetLimits(
            maxBudget: budget?.maxBudget ?? maxBudget, softBudget: budget?.softBudget, budgetDuration: budget?.budgetDuration ?? team.budgetDuration,
            rpmLimit: budget?.rpmLimit ?? rpmLimit, tpmLimit: budget?.tpmLimit ?? tpmLimit, maxParallelRequests: budget?.maxParallelRequests)
    }
}
