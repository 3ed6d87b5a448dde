import GatewayCore

/// `/model/*`: LiteLLM's model management API over the live model list.
///
/// - `POST /model/new`: adds a model (`model_name`, `litellm_params`, `model_info`); credentials are encrypted
///   before they are stored; the model is routable by the next request.
/// - `POST /model/update` (id in `model_info.id`) and `PATCH /model/{id}/update`: only the given fields change.
/// - `POST /model/delete` (`{"id": ...}`).
/// - `GET /model/info` (optional `litellm_model_id`): the deployments the caller may use, credentials masked.
/// - `GET /v2/model/info`, `GET /model_group/info`: LiteLLM's paged list and per-group summary
///   (`ModelRoutes+Groups.swift`).
///
/// config.yaml's models are read-only here (400). Writes are open to proxy admins and, for a team's own models,
/// to that team's admins (``ModelWriteAccess``); each writes an audit row with secrets masked.
struct ModelRoutes {
    let manager: ModelManager
    let access: ModelWriteAccess

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/model/new", access: .authenticated, handler: create),
            AdminRoute(.post, "/model/update", access: .authenticated) { request in
                try await update(id: try Self.updateID(request.body), request)
            },
            AdminRoute(.patch, "/model/{id}/update", access: .authenticated) { request in
                try await update(id: request.parameters["id"] ?? "", request)
            },
            AdminRoute(.post, "/model/delete", access: .authenticated, handler: delete),
            AdminRoute(.get, "/model/info", access: .authenticated, handler: info),
            AdminRoute(.get, "/v1/model/info", access: .authenticated, handler: info),
            AdminRoute(.get, "/v2/model/info", access: .authenticated, handler: pagedInfo),
            AdminRoute(.get, "/model_group/info", access: .authenticated, handler: groupInfo),
        ]
    }

    private func create(_ request: AdminRequest) async throws -> JSON {
        // Who may write is decided before the body is read in full: a caller without the right gets 403, not 400.
        try await access.authorize(request.principal, teamID: request.body["model_info"]?["team_id"]?.stringValue)
        let model = try ModelRequest.newModel(request.body, by: request.principal, cipher: manager.cipher)
        return try await manager.create(model, by: request.principal)
    }

    private func update(id: String, _ request: AdminRequest) async throws -> JSON {
        try access.requireWriter(request.principal)
        let before = try await manager.stored(id: id)
        try await access.authorize(request.principal, teamID: before.teamID)
        let after = try ModelRequest.patched(before, with: request.body, by: request.principal, cipher: manager.cipher)
        if after.teamID != before.teamID { try await access.authorize(request.principal, teamID: after.teamID) }
        return try await manager.replace(before, with: after, by: request.principal)
    }

    private func delete(_ request: AdminRequest) async throws -> JSON {
        guard let id = request.body["id"]?.stringValue, !id.isEmpty else {
            throw GatewayError.badRequest("The 'id' field is required (the model's model_info.id).", param: "id")
        }
        try access.requireWriter(request.principal)
        let model = try await manager.stored(id: id)
        try await access.authorize(request.principal, teamID: model.teamID)
        try await manager.delete(model, by: request.principal)
        return ["message": .string("Model deleted: \(id)"), "id": .string(id)]
    }

    /// What the caller may use: every deployment for admins and admin viewers; for anyone else the deployments of
    /// the names their access allows, their team's own models included, other teams' never.
    private func info(_ request: AdminRequest) async throws -> JSON {
        var deployments = visibleDeployments(to: request.principal)
        if let id = request.query["litellm_model_id"] ?? request.query["model_id"] {
            deployments = deployments.filter { $0.id == id }
            if deployments.isEmpty {
                throw GatewayError.notFound("The model '\(id)' does not exist.", param: "litellm_model_id", code: "model_not_found")
            }
        }
        let views = deployments.map { DeploymentView.json($0, isDatabaseModel: !manager.models.isConfigModel(id: $0.id)) }
        return ["data": .array(views)]
    }

    /// The deployments `principal` may see: every one for admins and admin viewers; for anyone else those of the
    /// names their access allows, their team's own included.
    func visibleDeployments(to principal: Principal) -> [Deployment] {
        let catalog = manager.models.catalog
        if principal.role.readsEverything { return catalog.deployments }
        return catalog.modelNames(for: principal).flatMap { catalog.deployments(for: $0, teamID: principal.teamID) }
    }

    /// `/model/update` names the model in `model_info.id` (LiteLLM), or in `id`.
    private static func updateID(_ body: JSON) throws -> String {
        if let id = body["model_info"]?["id"]?.stringValue ?? body["id"]?.stringValue, !id.isEmpty { return id }
        throw GatewayError.badRequest("The model to update is required in 'model_info.id'.", param: "model_info.id")
    }
}
