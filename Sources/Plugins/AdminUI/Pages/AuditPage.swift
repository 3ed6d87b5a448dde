import GatewayCore

/// `/ui/audit`: the latest management writes (`/audit/logs`), filterable by object type and id.
enum AuditPage {
    static let limit = 200

    static func show(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        var query = ["limit": String(limit)]
        query["object_type"] = context.query["object_type"]
        query["object_id"] = context.query["object_id"]
        let entries = try await context.admin(.get, "/audit/logs", query: query)["audit_logs"]?.arrayValue ?? []
        let view = AuditView.make(entries: entries, objectType: context.query["object_type"] ?? "", objectID: context.query["object_id"] ?? "")
        return .page(title: "Audit log", section: .audit, html: renderer.render(view, "audit"))
    }
}
