import GatewayCore

/// References to shared budget objects (``BudgetRecord``, `/budget/*`) from team and organization members: the check
/// that a `budget_id` names one, the list of who still names one (for `/budget/delete`), and LiteLLM's
/// `litellm_budget_table` that the info routes show for a membership.
extension IdentityDirectory {
    /// A `budget_id` must name a budget object (`/budget/new`), so a typo never leaves a member unlimited.
    /// - Parameter param: where the id sits in the body (`member.budget_id`, `members_with_roles[0].budget_id`).
    /// - Throws: 400 `budget_not_found` naming `param` when no budget has the id (a fresh read, not the cache).
    func requireBudget(_ id: String?, param: String) async throws {
        guard let id, !(try await exists(.budget, id: id)) else { return }
        throw GatewayError.badRequest("Budget '\(id)' does not exist; create it with /budget/new first.", param: param, code: "budget_not_found")
    }

    /// The `budget_id` an organization member entry gives: nil when left out or null.
    /// - Throws: 400 naming `param` when it is not a string, 400 `budget_not_found` when it names no budget.
    func budgetID(_ value: JSON?, param: String) async throws -> String? {
        guard let value, !value.isNull else { return nil }
        guard let id = value.stringValue else { throw GatewayError.badRequest("Invalid \(param): it must be a string (a budget_id).", param: param) }
        try await requireBudget(id, param: param)
        return id
    }

    /// Who still names the budget `id`, by kind: end users (`'ann'`), team members (`'team:user'`) and organization
    /// members (`'organization:user'`), each sorted; kinds with none are left out. A scan of every end user, team and
    /// organization: management routes only.
    func budgetHolders(_ id: String) async throws -> [(kind: String, names: [String])] {
        let endUsers = try await all(EndUserRecord.self, .endUser).filter { $0.budgetID == id }.map(\.userID)
        let teamMembers = try await all(TeamRecord.self, .team).flatMap { team in
            team.members.filter { $0.budgetID == id }.map { "\(team.teamID):\($0.userID)" }
        }
        let organizationMembers = try await all(OrganizationRecord.self, .organization).flatMap { organization in
            organization.members.filter { $0.budgetID == id }.map { "\(organization.organizationID):\($0.userID)" }
        }
        let holders: [(kind: String, names: [String])] = [
            ("end user(s)", endUsers.sorted()), ("team member(s)", teamMembers.sorted()), ("organization member(s)", organizationMembers.sorted()),
        ]
        return holders.filter { !$0.names.isEmpty }
    }

    /// LiteLLM's `litellm_budget_table` for a membership: the stored budget object `budgetID` names; without one (or
    /// with one deleted under it), the member's own limits in `own`, null ones left out; null when none is set.
    func budgetTable(_ budgetID: String?, own: [String: JSON?]) async throws -> JSON {
        if let budgetID, let budget = try await store.entity(.budget, id: budgetID) { return budget }
        let set = own.compactMapValues { value in value.flatMap { $0.isNull ? nil : $0 } }
        return set.isEmpty ? .null : .object(set)
    }
}
