import GatewayCore
import HTTPTypes

/// `/ui/policies`: versions (`/policies/list`), attachments (`/policies/attachments/list`) and shadow results from
/// the spend log; admins publish, promote to production, switch shadow mode and delete versions.
enum PoliciesPage {
    static func show(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        var versions: [JSON] = [], attachments: [JSON] = []
        var enabled = true
        do {
            versions = try await context.admin(.get, "/policies/list")["policies"]?.arrayValue ?? []
            attachments = try await context.admin(.get, "/policies/attachments/list")["attachments"]?.arrayValue ?? []
        } catch let error as GatewayError where error.status == .notFound {
            enabled = false
        }
        let recent = try await context.admin(.get, "/spend/logs/ui", query: ["page_size": "200"])["data"]?.arrayValue ?? []
        let view = PoliciesView.make(
            versions: versions, attachments: attachments, recentRows: recent, enabled: enabled, role: context.role, csrf: context.session.csrfToken)
        return .page(title: "Guardrails & policies", section: .policies, html: renderer.render(view, "policies"))
    }

    static func act(_ context: UIContext) async throws -> UIResult {
        guard let id = context.form.text("policy_id"), id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw GatewayError.badRequest("Name a policy version.", param: "policy_id")
        }
        switch context.form["action"] {
        case "published", "production":
            _ = try await context.admin(.put, "/policies/\(id)/status", body: ["version_status": .string(context.form["action"] ?? "")])
        case "shadow_on", "shadow_off":
            _ = try await context.admin(.put, "/policies/\(id)/shadow", body: ["enabled": .bool(context.form["action"] == "shadow_on")])
        case "delete":
            _ = try await context.admin(.delete, "/policies/\(id)")
        default:
            throw GatewayError.badRequest("Unknown policy action.", param: "action")
        }
        return .redirect("/ui/policies?done=policy_updated")
    }
}
