import GatewayCore

extension EndUserRecord {
    /// The end user's limits with those of its shared budget object (`budget_id`) laid over them: each field the
    /// budget sets wins, the end user's own fill the rest (LiteLLM keeps an end user's limits in its budget row).
    /// The spend stays the end user's own.
    func heldTo(_ budget: BudgetRecord?) -> EndUserRecord {
        guard let budget else { return self }
        var limited = self
        limited.maxBudget = budget.maxBudget ?? maxBudget
        limited.budgetDuration = budget.budgetDuration ?? budgetDuration
        limited.rpmLimit = budget.rpmLimit ?? rpmLimit
        limited.tpmLimit = budget.tpmLimit ?? tpmLimit
        limited.maxParallelRequests = budget.maxParallelRequests ?? maxParallelRequests
        return limited
    }
}
