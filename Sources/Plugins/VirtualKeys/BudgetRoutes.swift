import GatewayCore

/// `/budget/*`: LiteLLM's shared budget objects (``BudgetRecord``), which end users (`/customer/new`,
/// `/customer/update`), team members (`/team/new`, `/team/member_add`, `/team/member_update`) and organization
/// members (`/organization/member_add`, `/organization/member_update`) refer to by `budget_id`. Writes need a proxy admin; reads a proxy admin or an admin viewer (LiteLLM's
/// admin view).
///
/// | method and path | body or query | answer |
/// | --- | --- | --- |
/// | `POST /budget/new` | `budget_id` (a UUID when left out), `max_budget`, `soft_budget`, `max_parallel_requests`, `tpm_limit`, `rpm_limit`, `model_max_budget`, `budget_duration`, `budget_reset_at` | the budget |
/// | `POST /budget/update` | `budget_id` and the fields to change (`null` clears one) | the budget |
/// | `POST /budget/info` | `{"budgets": [ids]}` | the budgets found, a list |
/// | `GET /budget/list` | | every budget, a list |
/// | `POST /budget/delete` | `{"id": id}` | the deleted budget |
///
/// Every number is range-checked (``InputRange``; out of range → 400 naming the field), `model_max_budget`'s too. A
/// budget some end user or team or organization member still refers to is not deleted (400 `budget_in_use` naming
/// them), as LiteLLM's foreign key refuses it: deleting it would silently lift the limits of every holder.
struct BudgetRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/budget/new", access: .admin) { try await create($0) },
            AdminRoute(.post, "/budget/update", access: .admin) { try await update($0) },
            AdminRoute(.post, "/budget/info", access: .adminOrViewer) { try await info($0) },
            AdminRoute(.get, "/budget/list", access: .adminOrViewer) { _ in
                .array(try await directory.store.listEntities(.budget, where: nil, limit: 100_000, offset: 0))
            },
            AdminRoute(.post, "/budget/delete", access: .admin) { try await delete($0) },
        ]
    }

    static let writableFields: Set<String> = [
        "max_budget", "soft_budget", "max_parallel_requests", "tpm_limit", "rpm_limit", "model_max_budget", "budget_duration", "budget_reset_at",
    ]

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try IdentityDirectory.newID("budget_id", in: request.body)
        let now = ManagementSupport.now
        let base: JSON = [
            "budget_id": .string(id), "created_at": .double(now), "updated_at": .double(now), "created_by": .string(request.principal.subject),
            "updated_by": .string(request.principal.subject),
        ]
        let budget = try Self.budget(base: base, body: request.body, now: now)
        return try await directory.create(.budget, id: id, record: budget, by: request.principal, label: "Budget")
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("budget_id", in: request)
        var (_, before) = try await directory.load(BudgetRecord.self, .budget, id: id, label: "Budget")
        before["updated_by"] = .string(request.principal.subject)
        let budget = try Self.budget(base: before, body: request.body, now: ManagementSupport.now)
        return try await directory.replace(.budget, id: id, before: before, record: budget, by: request.principal, label: "Budget")
    }

    private func info(_ request: AdminRequest) async throws -> JSON {
        let ids = try IdentityDirectory.idList("budgets", in: request.body)
        var found: [JSON] = []
        for id in ids { if let document = try await directory.store.entity(.budget, id: id) { found.append(document) } }
        return .array(found)
    }

    private func delete(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("id", in: request)
        let (_, before) = try await directory.load(BudgetRecord.self, .budget, id: id, label: "Budget")
        let holders = try await directory.budgetHolders(id)
        guard holders.isEmpty else {
            let named = holders.map { kind, names in
                "\(kind) " + names.prefix(10).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 10 ? " and \(names.count - 10) more" : "")
            }
            throw GatewayError.badRequest(
                "Budget '\(id)' is still used by \(named.joined(separator: "; ")); give them another budget_id (or none) first.", param: "id",
                code: "budget_in_use")
        }
        try await directory.remove(.budget, id: id, before: before, by: request.principal, label: "Budget")
        return before
    }

    /// `base` with the body's writable fields on top, every number checked; `budget_reset_at` is set from
    /// `budget_duration` when the result has a duration and no reset time.
    static func budget(base: JSON, body: JSON, now: Double) throws -> BudgetRecord {
        if let models = body["model_max_budget"], !models.isNull {
            guard let entries = models.objectValue else {
                throw GatewayError.badRequest("Invalid request: model_max_budget must be an object of model names.", param: "model_max_budget")
            }
            for (model, limits) in entries.sorted(by: { $0.key < $1.key }) {
                guard limits.objectValue != nil else {
                    throw GatewayError.badRequest(
                        "Invalid request: model_max_budget.\(model) must be an object of limits.", param: "model_max_budget.\(model)")
                }
                try ManagementSupport.checkRanges(limits, prefix: "model_max_budget.\(model).")
            }
        }
        if let reset = body["budget_reset_at"], !reset.isNull {
            guard let text = reset.stringValue, ISO8601Time.seconds(parsing: text) != nil else {
                throw GatewayError.badRequest("Invalid request: budget_reset_at must be an ISO 8601 date and time.", param: "budget_reset_at")
            }
        }
        var budget = try IdentityDirectory.overlay(BudgetRecord.self, base: base, body: body, fields: writableFields)
        if budget.budgetResetAt == nil, let duration = budget.budgetDuration.flatMap(BudgetDuration.init) {
            budget.budgetResetAt = ISO8601Time.string(duration.after(now))
        }
        return budget
    }
}
