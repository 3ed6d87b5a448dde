import GatewayCore

/// `/project/*`: projects inside a team or organization, with their own models, budget and block switch.
/// Proxy admins write; admins and viewers read. The team and organization named must exist.
struct ProjectRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/project/new", access: .admin) { try await create($0) },
            AdminRoute(.post, "/project/update", access: .admin) { try await update($0) },
            AdminRoute(.post, "/project/delete", access: .admin) { try await delete($0) },
            AdminRoute(.get, "/project/info", access: .adminOrViewer) { try await info($0) },
            AdminRoute(.get, "/project/list", access: .adminOrViewer) { try await list($0) },
        ]
    }

    static let writableFields: Set<String> = ["project_alias", "team_id", "organization_id", "models", "max_budget", "blocked", "metadata"]

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try IdentityDirectory.newID("project_id", in: request.body)
        let now = ManagementSupport.now
        let base: JSON = [
            "project_id": .string(id), "models": [], "spend": 0, "blocked": false, "metadata": [:], "created_at": .double(now),
            "updated_at": .double(now),
        ]
        let project = try IdentityDirectory.overlay(ProjectRecord.self, base: base, body: request.body, fields: Self.writableFields)
        try await requireReferences(project)
        return try await directory.create(.project, id: id, record: project, by: request.principal, label: "Project")
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("project_id", in: request)
        let (_, before) = try await directory.load(ProjectRecord.self, .project, id: id, label: "Project")
        let updated = try IdentityDirectory.overlay(ProjectRecord.self, base: before, body: request.body, fields: Self.writableFields)
        try await requireReferences(updated)
        return try await directory.replace(.project, id: id, before: before, record: updated, by: request.principal, label: "Project")
    }

    private func delete(_ request: AdminRequest) async throws -> JSON {
        let deleted = try await directory.removeAll(.project, field: "project_ids", in: request.body, by: request.principal, label: "Project")
        return ["deleted_projects": .array(deleted.map { .string($0) })]
    }

    private func info(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("project_id", in: request)
        var document = try await directory.load(ProjectRecord.self, .project, id: id, label: "Project").1
        try await SpendOverlay(store: directory.store).apply(SpendScope(.project, id), to: &document)
        return document
    }

    /// `GET /project/list?team_id=&organization_id=&page=&size=`: an array, as LiteLLM; one page of it when paged.
    private func list(_ request: AdminRequest) async throws -> JSON {
        let reference =
            request.query["team_id"].map { EntityReference(.teamID, $0) }
            ?? request.query["organization_id"].map { EntityReference(.organizationID, $0) }
        return try await Paging.entities(directory.store, .project, where: reference, paging: try Paging.optional(request.query))
    }

    private func requireReferences(_ project: ProjectRecord) async throws {
        if let team = project.teamID, !(try await directory.exists(.team, id: team)) {
            throw GatewayError.notFound("Team '\(team)' does not exist.", param: "team_id")
        }
        if let organization = project.organizationID, !(try await directory.exists(.organization, id: organization)) {
            throw GatewayError.notFound("Organization '\(organization)' does not exist.", param: "organization_id")
        }
    }
}
