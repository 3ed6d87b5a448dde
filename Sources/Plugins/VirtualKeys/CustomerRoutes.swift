import GatewayCore

/// `/customer/*`: end users, named by a request's `user` field, with their own budget and block switch.
/// Proxy admins only.
struct CustomerRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/customer/new", access: .admin) { try await create($0) },
            AdminRoute(.post, "/customer/update", access: .admin) { try await update($0) },
            AdminRoute(.post, "/customer/delete", access: .admin) { try await delete($0) },
            AdminRoute(.get, "/customer/info", access: .admin) { try await info($0) },
            AdminRoute(.get, "/customer/list", access: .admin) { try await list($0) },
        ]
    }

    static let writableFields: Set<String> = ["alias", "blocked", "max_budget", "metadata"]

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("user_id", in: request)
        let now = ManagementSupport.now
        let base: JSON = [
            "user_id": .string(id), "blocked": false, "spend": 0, "metadata": [:], "created_at": .double(now), "updated_at": .double(now),
        ]
        let customer = try IdentityDirectory.overlay(EndUserRecord.self, base: base, body: request.body, fields: Self.writableFields)
        return try await directory.create(.endUser, id: id, record: customer, by: request.principal, label: "Customer")
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("user_id", in: request)
        let (_, before) = try await directory.load(EndUserRecord.self, .endUser, id: id, label: "Customer")
        var updated = try IdentityDirectory.overlay(EndUserRecord.self, base: before, body: request.body, fields: Self.writableFields)
        updated.updatedAt = ManagementSupport.now
        return try await directory.replace(.endUser, id: id, before: before, record: updated, by: request.principal, label: "Customer")
    }

    private func delete(_ request: AdminRequest) async throws -> JSON {
        let deleted = try await directory.removeAll(.endUser, field: "user_ids", in: request.body, by: request.principal, label: "Customer")
        return ["deleted_customers": .array(deleted.map { .string($0) })]
    }

    /// `?end_user_id=` as LiteLLM names it; `?user_id=` is accepted too.
    private func info(_ request: AdminRequest) async throws -> JSON {
        guard let id = request.query["end_user_id"] ?? request.query["user_id"], !id.isEmpty else {
            throw GatewayError.badRequest("The 'end_user_id' field is required.", param: "end_user_id")
        }
        return try await directory.load(EndUserRecord.self, .endUser, id: id, label: "Customer").1
    }

    private func list(_ request: AdminRequest) async throws -> JSON {
        .array(try await directory.store.listEntities(.endUser, where: nil, limit: 100_000, offset: 0))
    }
}
