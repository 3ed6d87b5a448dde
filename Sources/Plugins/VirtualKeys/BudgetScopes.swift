import GatewayCore

/// The limits a key's request is held to, level by level, for ``Principal/budgets`` (a budget plugin enforces
/// them). A level without any limit is left out, so a key without limits costs the budget plugin nothing.
///
/// As in LiteLLM, a user's `max_budget`, `soft_budget` and `budget_duration` apply to their personal keys (no
/// team) only; on a team key the team and the team member budgets apply instead. The user's rate limits apply to
/// every key of theirs.
///
/// A team member with a `budget_id` is held to that shared budget object's limits within the team
/// (``TeamMember/limits(in:heldTo:)``); the caller reads the object, as it does an end user's.
enum BudgetScopes {
    /// - Parameters:
    ///   - memberBudget: the budget object the key user's team membership names (`budget_id`), nil when none.
    ///   - endUser: the end user, its own budget object's limits already laid over its own.
    static func of(_ objects: AccessObjects, memberBudget: BudgetRecord? = nil, endUser: EndUserRecord?, endUserID: String?) -> [ScopedLimits] {
        var scopes: [ScopedLimits] = []
        func add(_ kind: SpendScope.Kind, _ id: String?, _ limits: BudgetLimits) {
            guard let id, !limits.isEmpty else { return }
            scopes.append(ScopedLimits(SpendScope(kind, id), limits))
        }
        if let key = objects.key {
            let settings = key.settings
            add(
                .key, key.keyHash,
                BudgetLimits(
                    maxBudget: key.maxBudget, softBudget: settings.softBudget, budgetDuration: settings.budgetDuration,
                    rpmLimit: settings.rpmLimit, tpmLimit: settings.tpmLimit, maxParallelRequests: settings.maxParallelRequests))
        }
        if let user = objects.user {
            let personal = objects.team == nil
            add(
                .user, user.userID,
                BudgetLimits(
                    maxBudget: personal ? user.maxBudget : nil, softBudget: personal ? user.softBudget : nil,
                    budgetDuration: personal ? user.budgetDuration : nil, rpmLimit: user.rpmLimit, tpmLimit: user.tpmLimit,
                    maxParallelRequests: user.maxParallelRequests))
        }
        if let team = objects.team {
            add(
                .team, team.teamID,
                BudgetLimits(
                    maxBudget: team.maxBudget, softBudget: team.softBudget, budgetDuration: team.budgetDuration, rpmLimit: team.rpmLimit,
                    tpmLimit: team.tpmLimit, maxParallelRequests: team.maxParallelRequests))
            if let userID = objects.user?.userID, let member = team.members.first(where: { $0.userID == userID }) {
                add(.teamMember, SpendScope.memberID(teamID: team.teamID, userID: userID), member.limits(in: team, heldTo: memberBudget))
            }
        }
        if let organization = objects.organization {
            add(
                .organization, organization.organizationID,
                BudgetLimits(maxBudget: organization.maxBudget, rpmLimit: organization.rpmLimit, tpmLimit: organization.tpmLimit))
        }
        if let project = objects.project { add(.project, project.projectID, BudgetLimits(maxBudget: project.maxBudget)) }
        if let endUser {
            add(
                .endUser, endUserID,
                BudgetLimits(
                    maxBudget: endUser.maxBudget, budgetDuration: endUser.budgetDuration, rpmLimit: endUser.rpmLimit,
                    tpmLimit: endUser.tpmLimit, maxParallelRequests: endUser.maxParallelRequests))
        }
        return scopes
    }
}
