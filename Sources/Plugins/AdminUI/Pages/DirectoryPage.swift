import GatewayCore

/// `/ui/users`, `/ui/organizations`, `/ui/customers`: lists from `/user/list`, `/organization/list` and
/// `/customer/list`; admins create and delete (and block customers) through the same routes' siblings.
enum DirectoryPage {
    static let pageSize = 50

    static func show(_ kind: DirectoryView.Kind, _ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        let page = max(1, Int(context.query["page"] ?? "") ?? 1)
        var objects: [JSON]
        var pager: PagerView?
        switch kind {
        case .users:
            let answer = try await context.admin(.get, "/user/list", query: ["page": String(page), "page_size": String(pageSize)])
            objects = answer["users"]?.arrayValue ?? []
            pager = PagerView(
                path: "/ui/users", filters: [:], page: page, pages: answer["total_pages"]?.intValue ?? 1, total: answer["total"]?.intValue ?? 0)
        case .organizations:
            objects = try await context.admin(.get, "/organization/list").arrayValue ?? []
        case .customers:
            objects = try await context.admin(.get, "/customer/list").arrayValue ?? []
        }
        let view = DirectoryView.make(kind, objects: objects, pager: pager, role: context.role, csrf: context.session.csrfToken)
        let section: UISection = kind == .users ? .users : kind == .organizations ? .organizations : .customers
        return .page(title: section.title, section: section, html: renderer.render(view, "directory"))
    }

    static func act(_ context: UIContext) async throws -> UIResult {
        let form = context.form
        let id = form.text("id")
        func ids(_ name: String) throws -> JSON {
            guard let id else { throw GatewayError.badRequest("Name one.", param: "id") }
            return [name: [.string(id)]]
        }
        switch (form["kind"], form["action"]) {
        case ("users", "create"):
            let body = try FormJSON(text: ["user_id", "user_email", "user_role"], numbers: ["max_budget"]).body(form, update: false)
            _ = try await context.admin(.post, "/user/new", body: .object(body))
            return .redirect("/ui/users?done=user_created")
        case ("users", "delete"):
            _ = try await context.admin(.post, "/user/delete", body: try ids("user_ids"))
            return .redirect("/ui/users?done=user_deleted")
        case ("organizations", "create"):
            let body = try FormJSON(text: ["organization_alias"], numbers: ["max_budget"], lists: ["models"]).body(form, update: false)
            _ = try await context.admin(.post, "/organization/new", body: .object(body))
            return .redirect("/ui/organizations?done=organization_created")
        case ("organizations", "delete"):
            _ = try await context.admin(.post, "/organization/delete", body: try ids("organization_ids"))
            return .redirect("/ui/organizations?done=organization_deleted")
        case ("customers", "create"):
            let body = try FormJSON(text: ["user_id", "alias"], numbers: ["max_budget"]).body(form, update: false)
            _ = try await context.admin(.post, "/customer/new", body: .object(body))
            return .redirect("/ui/customers?done=customer_created")
        case ("customers", let action?) where ["delete", "block", "unblock"].contains(action):
            _ = try await context.admin(.post, "/customer/\(action)", body: try ids("user_ids"))
            return .redirect("/ui/customers?done=customer_\(action == "delete" ? "deleted" : action + "ed")")
        default:
            throw GatewayError.badRequest("Unknown action.", param: "action")
        }
    }
}
