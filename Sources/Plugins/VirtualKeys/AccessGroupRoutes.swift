import GatewayCore

/// `/access_group/*`: model access groups stored in the database, with LiteLLM's routes and shapes
/// (`POST /access_group/new {access_group, model_names, model_ids}`, `GET /access_group/{access_group}/info`,
/// `PUT .../update`, `DELETE .../delete`, `GET /access_group/list`); Tollgate's earlier body-named forms still work.
/// Members are public model names or other groups (config `model_info.access_groups` or database), so groups nest;
/// a `model_ids` entry adds its deployment's model name.
///
/// Every write is checked against the graph as it is now (``AccessGroupGraph/validateWrite(groupID:members:knownModels:)``):
/// unknown members, cycles (the error names the path) and over-deep nesting are a 400. Every write drops the
/// membership cache, so the request path in this process resolves the new groups at once.
struct AccessGroupRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/access_group/new", access: .admin) { try await create($0) },
            AdminRoute(.put, "/access_group/{access_group}/update", access: .admin) { try await update($0) },
            AdminRoute(.delete, "/access_group/{access_group}/delete", access: .admin) { try await delete($0) },
            AdminRoute(.get, "/access_group/{access_group}/info", access: .adminOrViewer) { try await info($0) },
            AdminRoute(.get, "/access_group/list", access: .adminOrViewer) { try await list($0) },
            // Tollgate's earlier forms, the group named in the body or query.
            AdminRoute(.post, "/access_group/update", access: .admin) { try await update($0) },
            AdminRoute(.post, "/access_group/delete", access: .admin) { try await delete($0) },
            AdminRoute(.get, "/access_group/info", access: .adminOrViewer) { try await info($0) },
        ]
    }

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try AccessGroupRequest.groupID(in: request)
        let input = try ManagementSupport.decode(AccessGroupRequest.self, from: request.body)
        if try await directory.exists(.accessGroup, id: id) {
            throw GatewayError.badRequest("Access group '\(id)' already exists.", code: "already_exists")
        }
        let members = try await validate(id, members: try membersNamed(by: input), field: input.membersField)
        let now = ManagementSupport.now
        let group = AccessGroupRecord(
            groupID: id, members: members, modelIDs: input.modelIDs, description: input.description, createdAt: now, updatedAt: now)
        let document = try await directory.create(.accessGroup, id: id, record: group, by: request.principal, label: "Access group")
        return try await mutationAnswer(document, group: group)
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try AccessGroupRequest.groupID(in: request)
        let input = try ManagementSupport.decode(AccessGroupRequest.self, from: request.body)
        var (group, before) = try await directory.load(AccessGroupRecord.self, .accessGroup, id: id, label: "Access group")
        // As LiteLLM's update, given members replace the current ones.
        if input.members != nil || input.modelIDs != nil {
            group.members = try await validate(id, members: try membersNamed(by: input), field: input.membersField)
            group.modelIDs = input.modelIDs
        }
        if request.body["description"] != nil { group.description = input.description }
        let document = try await directory.replace(.accessGroup, id: id, before: before, record: group, by: request.principal, label: "Access group")
        return try await mutationAnswer(document, group: group)
    }

    /// Deletes the group and, as LiteLLM drops its membership edges, removes it from the groups that list it
    /// (unless config still defines a group of that name).
    private func delete(_ request: AdminRequest) async throws -> JSON {
        let id = try AccessGroupRequest.groupID(in: request)
        let (_, before) = try await directory.load(AccessGroupRecord.self, .accessGroup, id: id, label: "Access group")
        let deploymentCount = try await currentGraph().deploymentCount(of: id, in: directory.models.catalog.deployments)
        try await directory.remove(.accessGroup, id: id, before: before, by: request.principal, label: "Access group")
        let stillConfigGroup = AccessGroupGraph(deployments: directory.models.catalog.deployments).isGroup(id)
        var updatedParents: [JSON] = []
        if !stillConfigGroup {
            for parent in try await directory.all(AccessGroupRecord.self, .accessGroup) where parent.members.contains(id) {
                let (_, parentBefore) = try await directory.load(AccessGroupRecord.self, .accessGroup, id: parent.groupID, label: "Access group")
                var changed = parent
                changed.members.removeAll { $0 == id }
                _ = try await directory.replace(
                    .accessGroup, id: parent.groupID, before: parentBefore, record: changed, by: request.principal, label: "Access group")
                updatedParents.append(.string(parent.groupID))
            }
        }
        return [
            "access_group": .string(id), "models_updated": .int(deploymentCount),
            "message": .string("Access group '\(id)' deleted."), "deleted_access_group": .string(id), "removed_from": .array(updatedParents),
        ]
    }

    /// LiteLLM's `{access_group, model_names, deployment_count}` (model names resolved through nested groups), plus
    /// the stored group's fields and `resolved_models`.
    private func info(_ request: AdminRequest) async throws -> JSON {
        let id = try AccessGroupRequest.groupID(in: request)
        let (_, document) = try await directory.load(AccessGroupRecord.self, .accessGroup, id: id, label: "Access group")
        return try await summary(of: id, document: document)
    }

    /// Every access group, stored or from config.yaml's `model_info.access_groups`, as LiteLLM's
    /// `{"access_groups": [...]}`.
    private func list(_ request: AdminRequest) async throws -> JSON {
        var stored: [String: JSON] = [:]
        for document in try await directory.store.listEntities(.accessGroup, where: nil, limit: 100_000, offset: 0) {
            if let id = document["access_group_id"]?.stringValue { stored[id] = document }
        }
        let graph = try await currentGraph()
        var groups: [JSON] = []
        for id in graph.groupNames.union(stored.keys).sorted() {
            groups.append(try await summary(of: id, document: stored[id], graph: graph))
        }
        return ["access_groups": .array(groups)]
    }
    // MARK: Helpers

    /// The graph from config deployments and the groups stored now (not the cached one, which may lag or be degraded).
    private func currentGraph() async throws -> AccessGroupGraph {
        AccessGroupGraph(deployments: directory.models.catalog.deployments, records: try await directory.all(AccessGroupRecord.self, .accessGroup))
    }

    /// The members a request names: its model (or group) names, then the model names of the deployments its
    /// `model_ids` name. - Throws: 400 naming `model_ids` for an id no deployment has.
    private func membersNamed(by input: AccessGroupRequest) throws -> [String] {
        var members = input.members ?? []
        for modelID in input.modelIDs ?? [] {
            guard let deployment = directory.models.catalog.deployments.first(where: { $0.id == modelID }) else {
                throw GatewayError.badRequest("No deployment has the id '\(modelID)'.", param: "model_ids")
            }
            if !members.contains(deployment.modelName) { members.append(deployment.modelName) }
        }
        return members
    }

    private func validate(_ id: String, members: [String], field: String) async throws -> [String] {
        let graph = try await currentGraph()
        do {
            return try graph.validateWrite(groupID: id, members: members, knownModels: Set(directory.models.catalog.deployments.map(\.modelName)))
        } catch {
            let param = error.message.hasPrefix("Invalid access group name") ? "access_group" : field
            throw GatewayError.badRequest(error.message, param: param, code: error.cyclePath.isEmpty ? "invalid_access_group" : "access_group_cycle")
        }
    }

    /// LiteLLM's answer to a create or update (`access_group`, `model_names`, `model_ids`, `models_updated`: the
    /// deployments the group now reaches), with the stored group's own fields.
    private func mutationAnswer(_ document: JSON, group: AccessGroupRecord) async throws -> JSON {
        let graph = try await currentGraph()
        var answer = document
        answer["access_group"] = .string(group.groupID)
        answer["model_names"] = .array(group.members.map { .string($0) })
        answer["model_ids"] = group.modelIDs.map { .array($0.map { .string($0) }) } ?? .null
        answer["models_updated"] = .int(graph.deploymentCount(of: group.groupID, in: directory.models.catalog.deployments))
        return answer
    }

    /// One group as LiteLLM lists it, over the stored document (nil for a group config.yaml alone defines).
    private func summary(of id: String, document: JSON?, graph: AccessGroupGraph? = nil) async throws -> JSON {
        let graph = if let graph { graph } else { try await currentGraph() }
        let models = graph.models(in: id).sorted().map { JSON.string($0) }
        var answer = document ?? ["access_group_id": .string(id), "source": "config"]
        answer["access_group"] = .string(id)
        answer["model_names"] = .array(models)
        answer["resolved_models"] = .array(models)
        answer["deployment_count"] = .int(graph.deploymentCount(of: id, in: directory.models.catalog.deployments))
        return answer
    }
}

extension AccessGroupGraph {
    /// How many deployments serve a model the group reaches (through nested groups).
    fileprivate func deploymentCount(of group: String, in deployments: [Deployment]) -> Int {
        let models = models(in: group)
        return deployments.count { models.contains($0.modelName) }
    }
}
