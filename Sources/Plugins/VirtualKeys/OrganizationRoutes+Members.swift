import GatewayCore

/// LiteLLM's organization membership routes: `POST /organization/member_add` (`member`: one or a list of
/// `{user_id | user_email, role, max_budget_in_organization, budget_id}`), `PATCH /organization/member_update`
/// (`user_id | user_email`, `role`, `max_budget_in_organization`, `budget_id`; a null `budget_id` clears it) and
/// `DELETE /organization/member_delete` (`user_id | user_email`). A member named by an unknown id is created as a
/// user; one named by an unknown email gets a new user with that email. Roles: `org_admin`, `internal_user` (the
/// default), `internal_user_viewer`.
///
/// `budget_id` must name a shared budget object (400 `budget_not_found`). It and `max_budget_in_organization` are
/// kept and returned (`/organization/info`), not enforced: no request is held to an organization member budget yet.
extension OrganizationRoutes {
    var memberRoutes: [AdminRoute] {
        [
            AdminRoute(.post, "/organization/member_add", access: .admin) { try await addMembers($0) },
            AdminRoute(.patch, "/organization/member_update", access: .admin) { try await updateMember($0) },
            AdminRoute(.delete, "/organization/member_delete", access: .admin) { try await deleteMember($0) },
        ]
    }

    private func addMembers(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("organization_id", in: request)
        let given = request.body["member"].map { $0.arrayValue ?? [$0] } ?? []
        guard !given.isEmpty else { throw GatewayError.badRequest("The 'member' field is required.", param: "member") }
        var (organization, before) = try await directory.load(OrganizationRecord.self, .organization, id: id, label: "Organization")
        for entry in given {
            let userID = try await directory.memberUserID(
                userID: entry["user_id"]?.stringValue, email: entry["user_email"]?.stringValue, field: "member.user_id", by: request.principal)
            try await directory.ensureUser(userID, by: request.principal)
            guard !organization.members.contains(where: { $0.userID == userID }) else {
                throw GatewayError.badRequest("User '\(userID)' is already a member of organization '\(id)'.", code: "already_exists")
            }
            organization.members.append(
                OrganizationMember(
                    userID: userID, userEmail: entry["user_email"]?.stringValue, role: try Self.role(entry["role"], field: "member.role"),
                    maxBudgetInOrganization: try Self.budget(entry["max_budget_in_organization"], field: "member.max_budget_in_organization"),
                    budgetID: try await directory.budgetID(entry["budget_id"], param: "member.budget_id")))
        }
        organization.updatedAt = ManagementSupport.now
        return try await directory.replace(.organization, id: id, before: before, record: organization, by: request.principal, label: "Organization")
    }

    private func updateMember(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("organization_id", in: request)
        var (organization, before) = try await directory.load(OrganizationRecord.self, .organization, id: id, label: "Organization")
        let index = try memberIndex(in: organization, request.body)
        if let role = request.body["role"] { organization.members[index].role = try Self.role(role, field: "role") }
        if let budget = request.body["max_budget_in_organization"] {
            organization.members[index].maxBudgetInOrganization = try Self.budget(budget, field: "max_budget_in_organization")
        }
        if let budgetID = request.body["budget_id"] {
            organization.members[index].budgetID = try await directory.budgetID(budgetID, param: "budget_id")
        }
        organization.updatedAt = ManagementSupport.now
        return try await directory.replace(.organization, id: id, before: before, record: organization, by: request.principal, label: "Organization")
    }

    private func deleteMember(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("organization_id", in: request)
        var (organization, before) = try await directory.load(OrganizationRecord.self, .organization, id: id, label: "Organization")
        organization.members.remove(at: try memberIndex(in: organization, request.body))
        organization.updatedAt = ManagementSupport.now
        return try await directory.replace(.organization, id: id, before: before, record: organization, by: request.principal, label: "Organization")
    }

    /// The member named by the body's `user_id`, else `user_email`. - Throws: 400 when neither is given, 404 when
    /// the organization has no such member.
    private func memberIndex(in organization: OrganizationRecord, _ body: JSON) throws -> Int {
        let userID = body["user_id"]?.stringValue
        let email = body["user_email"]?.stringValue
        guard userID != nil || email != nil else {
            throw GatewayError.badRequest("Name the member with 'user_id' or 'user_email'.", param: "user_id")
        }
        let index = organization.members.firstIndex { member in
            userID.map { $0 == member.userID } ?? (member.userEmail == email)
        }
        guard let index else {
            throw GatewayError.notFound("'\(userID ?? email ?? "")' is not a member of organization '\(organization.organizationID)'.")
        }
        return index
    }

    private static func role(_ value: JSON?, field: String) throws -> OrganizationMember.Role {
        guard let value, !value.isNull else { return .internalUser }
        guard let role = value.stringValue.flatMap(OrganizationMember.Role.init(rawValue:)) else {
            let roles = OrganizationMember.Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw GatewayError.badRequest("Invalid \(field): use one of \(roles).", param: field)
        }
        return role
    }

    private static func budget(_ value: JSON?, field: String) throws -> Double? {
        guard let value, !value.isNull else { return nil }
        guard let budget = value.doubleValue else {
            throw GatewayError.badRequest("Invalid \(field): it must be a number (USD).", param: field)
        }
        do {
            return try InputRange.usd(budget, field: field)
        } catch {
            throw error.badRequest
        }
    }
}
