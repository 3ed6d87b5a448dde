import GatewayCore

/// `GET /audit/logs?object_type=&object_id=&limit=`: the audit rows of management writes, newest first, for
/// admins and viewers.
struct AuditRoutes {
    let directory: IdentityDirectory

    /// The most rows one call returns.
    static let maxLimit = 1000

    var routes: [AdminRoute] {
        [AdminRoute(.get, "/audit/logs", access: .adminOrViewer) { try await logs($0) }]
    }

    private func logs(_ request: AdminRequest) async throws -> JSON {
        let limit = try UserRoutes.positiveInt("limit", request.query, default: 100)
        guard limit <= Self.maxLimit else {
            throw GatewayError.badRequest("Invalid request: limit must be at most \(Self.maxLimit).", param: "limit")
        }
        let rows = try await directory.store.auditLogs(
            objectType: nonEmpty(request.query["object_type"]), objectID: nonEmpty(request.query["object_id"]), limit: limit)
        return ["audit_logs": .array(try rows.map { try JSON(encoding: $0) }), "count": .int(rows.count)]
    }

    private func nonEmpty(_ value: String?) -> String? {
        value.flatMap { $0.isEmpty ? nil : $0 }
    }
}
