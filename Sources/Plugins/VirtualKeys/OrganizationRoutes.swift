import GatewayCore

/// `/organization/*`: organizations, the outermost budget and model list, and their members
/// (`OrganizationRoutes+Members.swift`). Proxy admins write; admins and viewers read. An organization that teams or projects still name cannot be deleted.
struct OrganizationRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/organization/new", access: .admin) { try await create($0) },
            AdminRoute(.post, "/organization/update", access: .admin) { try await update($0) },
            AdminRoute(.post, "/organization/delete", access: .admin) { try await delete($0) },
            AdminRoute(.delete, "/organization/delete", access: .admin) { try await delete($0) },
            AdminRoute(.get, "/organization/info", access: .adminOrViewer) { try await info($0) },
            AdminRoute(.get, "/organization/list", access: .adminOrViewer) { try await list($0) },
        ] + memberRoutes
    }

    static let writableFields: Set<String> = ["organization_alias", "models", "max_budget", "tpm_limit", "rpm_limit", "blocked", "metadata"]

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try IdentityDirectory.newID("organization_id", in: request.body)
        let now = ManagementSupport.now
        let base: JSON = [
            "organization_id": .string(id), "models": [], "spend": 0, "blocked": false, "metadata": [:], "created_at": .double(now),
            "updated_at": .double(now),
        ]
        let organization = try IdentityDirectory.overlay(OrganizationRecord.self, base: base, body: request.body, fields: Self.writableFields)
        return try await directory.create(.organization, id: id, record: organization, by: request.principal, label: "Organization")
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("organization_id", in: request)
        let (_, before) = try await directory.load(OrganizationRecord.self, .organization, id: id, label: "Organization")
        let updated = try IdentityDirectory.overlay(OrganizationRecord.self, base: before, body: request.body, fields: Self.writableFields)
        return try await directory.replace(.organization, id: id, before: before, record: updated, by: request.principal, label: "Organization")
    }

    private func delete(_ request: AdminRequest) async throws -> JSON {
        let ids = try IdentityDirectory.idList("organization_ids", in: request.body)
        for id in ids {
            let reference = EntityReference(.organizationID, id)
            let teams = try await directory.store.listEntities(.team, where: reference, limit: 1, offset: 0)
            let projects = try await directory.store.listEntities(.project, where: reference, limit: 1, offset: 0)
            if !teams.isEmpty || !projects.isEmpty {
                throw GatewayError.badRequest(
                    "Organization '\(id)' still has \(teams.isEmpty ? "projects" : "teams"); delete or move them first.", param: "organization_ids",
                    code: "organization_in_use")
            }
        }
        let deleted = try await directory.removeAll(
            .organization, field: "organization_ids", in: request.body, by: request.principal, label: "Organization")
        return ["deleted_organizations": .array(deleted.map { .string($0) })]
    }

    private func info(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("organization_id", in: request)
        var (_, document) = try await directory.load(OrganizationRecord.self, .organization, id: id, label: "Organization")
        let teams = try await directory.store.listEntities(.team, where: EntityReference(.organizationID, id), limit: 100_000, offset: 0)
        document["teams"] = .array(teams)
        document["members"] = .array(try await membershipRows(document["members"]?.arrayValue ?? [], organizationID: id))
        try await SpendOverlay(store: directory.store).apply(SpendScope(.organization, id), to: &document)
        return document
    }

    /// Members as LiteLLM's organization membership rows: with `organization_id`, `budget_id` (null when none) and
    /// `litellm_budget_table` (the shared budget object `budget_id` names, else `max_budget_in_organization` as its
    /// `max_budget`, null when neither is set). Neither is enforced yet.
    private func membershipRows(_ members: [JSON], organizationID: String) async throws -> [JSON] {
        var rows: [JSON] = []
        for var member in members {
            member["organization_id"] = .string(organizationID)
            member["budget_id"] = member["budget_id"] ?? .null
            member["litellm_budget_table"] = try await directory.budgetTable(
                member["budget_id"]?.stringValue, own: ["max_budget": member["max_budget_in_organization"]])
            rows.append(member)
        }
        return rows
    }

    /// `GET /organization/list?page=&size=`: an array, as LiteLLM; one page of it when paged. Each organization
    /// carries LiteLLM's `litellm_budget_table` (its `max_budget`, `tpm_limit`, `rpm_limit`).
    private func list(_ request: AdminRequest) async throws -> JSON {
        let listed = try await Paging.entities(directory.store, .organization, paging: try Paging.optional(request.query))
        guard case .array(let organizations) = listed else { return listed }
        return .array(organizations.map(Self.withBudgetTable))
    }

    private static func withBudgetTable(_ organization: JSON) -> JSON {
        var organization = organization
        organization["litellm_budget_table"] = [
            "max_budget": organization["max_budget"] ?? .null, "tpm_limit": organization["tpm_limit"] ?? .null,
            "rpm_limit": organization["rpm_limit"] ?? .null,
        ]
        return organization
    }
}
