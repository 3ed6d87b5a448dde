import GatewayCore

/// `/customer/*` (also `/end_user/*`): end users, named by a request's `user` field, with their own budget and block switch.
/// Proxy admins only. A blocked end user's LLM requests are refused by ``VirtualKeyAuthenticator``. `budget_id` names a
/// shared budget object (``BudgetRoutes``) whose limits the end user is held to, over its own.
struct CustomerRoutes {
    let directory: IdentityDirectory

    /// Under `/customer/*` and, as in LiteLLM, the same routes under `/end_user/*`.
    var routes: [AdminRoute] {
        ["/customer", "/end_user"].flatMap { (prefix: String) -> [AdminRoute] in
            [
                AdminRoute(.post, prefix + "/new", access: .admin) { try await create($0) },
                AdminRoute(.post, prefix + "/update", access: .admin) { try await update($0) },
                AdminRoute(.post, prefix + "/delete", access: .admin) { try await delete($0) },
                AdminRoute(.get, prefix + "/info", access: .admin) { try await info($0) },
                AdminRoute(.get, prefix + "/list", access: .admin) { try await list($0) },
                AdminRoute(.post, prefix + "/block", access: .admin) { try await block($0) },
                AdminRoute(.post, prefix + "/unblock", access: .admin) { try await unblock($0) },
            ]
        }
    }

    static let writableFields: Set<String> = [
        "alias", "blocked", "max_budget", "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests", "metadata", "budget_id",
    ]

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("user_id", in: request)
        let now = ManagementSupport.now
        let base: JSON = [
            "user_id": .string(id), "blocked": false, "spend": 0, "metadata": [:], "created_at": .double(now), "updated_at": .double(now),
        ]
        let customer = try IdentityDirectory.overlay(EndUserRecord.self, base: base, body: request.body, fields: Self.writableFields)
        try await checkBudget(customer)
        return try await directory.create(.endUser, id: id, record: customer, by: request.principal, label: "Customer")
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("user_id", in: request)
        let (_, before) = try await directory.load(EndUserRecord.self, .endUser, id: id, label: "Customer")
        let updated = try IdentityDirectory.overlay(EndUserRecord.self, base: before, body: request.body, fields: Self.writableFields)
        if updated.budgetID != nil, request.body["budget_id"] != nil { try await checkBudget(updated) }
        return try await directory.replace(.endUser, id: id, before: before, record: updated, by: request.principal, label: "Customer")
    }

    /// A `budget_id` must name a budget object (`/budget/new`), so a typo never leaves a customer unlimited.
    private func checkBudget(_ customer: EndUserRecord) async throws {
        guard let id = customer.budgetID, !(try await directory.exists(.budget, id: id)) else { return }
        throw GatewayError.badRequest(
            "Budget '\(id)' does not exist; create it with /budget/new first.", param: "budget_id", code: "budget_not_found")
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
        var document = try await directory.load(EndUserRecord.self, .endUser, id: id, label: "Customer").1
        try await SpendOverlay(store: directory.store).apply(SpendScope(.endUser, id), to: &document)
        return document
    }

    /// `GET /customer/list?page=&size=`: an array, as LiteLLM; one page of it when paged.
    private func list(_ request: AdminRequest) async throws -> JSON {
        try await Paging.entities(directory.store, .endUser, paging: try Paging.optional(request.query))
    }

    /// `POST /customer/block {"user_ids": [...]}`: blocks each end user, creating the unknown ones blocked (as
    /// LiteLLM upserts), each write audited.
    private func block(_ request: AdminRequest) async throws -> JSON {
        let ids = try IdentityDirectory.idList("user_ids", in: request.body)
        for id in ids {
            if let before = try await directory.store.entity(.endUser, id: id) {
                var customer = try before.decode(EndUserRecord.self)
                guard !customer.blocked else { continue }
                customer.blocked = true
                _ = try await directory.replace(.endUser, id: id, before: before, record: customer, by: request.principal, label: "Customer")
            } else {
                let now = ManagementSupport.now
                let customer = EndUserRecord(userID: id, blocked: true, createdAt: now, updatedAt: now)
                _ = try await directory.create(.endUser, id: id, record: customer, by: request.principal, label: "Customer")
            }
        }
        return ["blocked_users": .array(ids.map { .string($0) })]
    }

    /// `POST /customer/unblock {"user_ids": [...]}`: unblocks each end user. Every id must exist (checked before
    /// any write, so a typo changes nothing).
    private func unblock(_ request: AdminRequest) async throws -> JSON {
        let ids = try IdentityDirectory.idList("user_ids", in: request.body)
        var found: [(EndUserRecord, JSON)] = []
        for id in ids { found.append(try await directory.load(EndUserRecord.self, .endUser, id: id, label: "Customer")) }
        for (customer, before) in found where customer.blocked {
            var updated = customer
            updated.blocked = false
            _ = try await directory.replace(.endUser, id: customer.userID, before: before, record: updated, by: request.principal, label: "Customer")
        }
        return ["unblocked_users": .array(ids.map { .string($0) })]
    }
}
