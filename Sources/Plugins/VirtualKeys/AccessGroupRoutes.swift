import GatewayCore

/// `/access_group/*`: model access groups stored in the database. Members are public model names or other
/// groups (config `model_info.access_groups` or database), so groups nest.
///
/// Every write is checked against the graph as it is now (``AccessGroupGraph/validateWrite(groupID:members:knownModels:)``):
/// unknown members, cycles (the error names the path) and over-deep nesting are a 400. Every write drops the
/// membership cache, so the request path in this process resolves the new groups at once.
struct AccessGroupRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/access_group/new", access: .admin) { try await create($0) },
            AdminRoute(.post, "/access_group/update", access: .admin) { try await update($0) },
            AdminRoute(.post, "/access_group/delete", access: .admin) { try await delete($0) },
            AdminRoute(.get, "/access_group/info", access: .adminOrViewer) { try await info($0) },
            AdminRoute(.get, "/access_group/list", access: .adminOrViewer) { try await list($0) },
        ]
    }

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("access_group_id", in: request)
        let input = try ManagementSupport.decode(AccessGroupRequest.self, from: request.body)
        if try await directory.exists(.accessGroup, id: id) {
            throw GatewayError.badRequest("Access group '\(id)' already exists.", code: "already_exists")
        }
        let members = try await validate(id, members: input.members ?? [])
        let now = ManagementSupport.now
        let group = AccessGroupRecord(groupID: id, members: members, description: input.description, createdAt: now, updatedAt: now)
        return try await directory.create(.accessGroup, id: id, record: group, by: request.principal, label: "Access group")
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("access_group_id", in: request)
        let input = try ManagementSupport.decode(AccessGroupRequest.self, from: request.body)
        var (group, before) = try await directory.load(AccessGroupRecord.self, .accessGroup, id: id, label: "Access group")
        if let members = input.members { group.members = try await validate(id, members: members) }
        if request.body["description"] != nil { group.description = input.description }
        return try await directory.replace(.accessGroup, id: id, before: before, record: group, by: request.principal, label: "Access group")
    }

    /// Deletes the group and, as LiteLLM drops its membership edges, removes it from the groups that list it
    /// (unless config still defines a group of that name).
    private func delete(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("access_group_id", in: request)
        let (_, before) = try await directory.load(AccessGroupRecord.self, .accessGroup, id: id, label: "Access group")
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
        return ["deleted_access_group": .string(id), "removed_from": .array(updatedParents)]
    }

    private func info(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("access_group_id", in: request)
        var (_, document) = try await directory.load(AccessGroupRecord.self, .accessGroup, id: id, label: "Access group")
        let graph = try await currentGraph()
        document["resolved_models"] = .array(graph.models(in: id).sorted().map { .string($0) })
        return document
    }

    private func list(_ request: AdminRequest) async throws -> JSON {
        let groups = try await directory.store.listEntities(.accessGroup, where: nil, limit: 100_000, offset: 0)
        return .array(groups)
    }

    // MARK: Helpers

    /// The graph from config deployments and the groups stored now (not the cached one, which may lag or be degraded).
    private func currentGraph() async throws -> AccessGroupGraph {
        AccessGroupGraph(deployments: directory.models.catalog.deployments, records: try await directory.all(AccessGroupRecord.self, .accessGroup))
    }

    private func validate(_ id: String, members: [String]) async throws -> [String] {
        let graph = try await currentGraph()
        do {
            return try graph.validateWrite(groupID: id, members: members, knownModels: Set(directory.models.catalog.deployments.map(\.modelName)))
        } catch {
            let param = error.message.hasPrefix("Invalid access group name") ? "access_group_id" : "access_model_names"
            throw GatewayError.badRequest(error.message, param: param, code: error.cyclePath.isEmpty ? "invalid_access_group" : "access_group_cycle")
        }
    }
}
