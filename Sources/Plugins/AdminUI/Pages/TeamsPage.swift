import GatewayCore

/// `/ui/teams`: the teams the caller may read (`/team/list`), one team (`/team/info`), and for admins create,
/// block, unblock, delete, members (`/team/member_add`, `/team/member_delete`) and team models.
enum TeamsPage {
    static let teamFields = FormJSON(
        text: ["team_id", "team_alias", "budget_duration", "organization_id"], numbers: ["max_budget", "soft_budget"],
        integers: ["tpm_limit", "rpm_limit", "max_parallel_requests"], lists: ["models"])

    static func list(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        let teams = try await context.admin(.get, "/team/list").arrayValue ?? []
        let view = TeamsView.make(teams: teams, role: context.role, csrf: context.session.csrfToken)
        return .page(title: "Teams", section: .teams, html: renderer.render(view, "teams"))
    }

    static func show(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        guard let id = context.query["team_id"] else { throw GatewayError.badRequest("Name a team.", param: "team_id") }
        let info = try await context.admin(.get, "/team/info", query: ["team_id": id])
        let view = TeamDetailView(info, role: context.role, csrf: context.session.csrfToken)
        return .page(title: "Team \(view.alias.isEmpty ? view.id : view.alias)", section: .teams, html: renderer.render(view, "team"))
    }

    static func create(_ context: UIContext) async throws -> UIResult {
        let created = try await context.admin(.post, "/team/new", body: .object(try teamFields.body(context.form, update: false)))
        let id = created["team_id"]?.stringValue ?? ""
        return .redirect("/ui/teams/view?team_id=\(PercentEncoding.unreserved(id))&done=team_created")
    }

    static func act(_ context: UIContext) async throws -> UIResult {
        guard let id = context.form.text("team_id") else { throw GatewayError.badRequest("Name a team.", param: "team_id") }
        let team = PercentEncoding.unreserved(id)
        switch context.form["action"] {
        case "block", "unblock":
            let action = context.form["action"] ?? ""
            _ = try await context.admin(.post, "/team/\(action)", body: ["team_id": .string(id)])
            return .redirect("/ui/teams/view?team_id=\(team)&done=team_\(action)ed")
        case "delete":
            _ = try await context.admin(.post, "/team/delete", body: ["team_ids": [.string(id)]])
            return .redirect("/ui/teams?done=team_deleted")
        case "add_member":
            let member: JSON = ["user_id": .string(context.form.text("user_id") ?? ""), "role": .string(context.form.text("role") ?? "user")]
            _ = try await context.admin(.post, "/team/member_add", body: ["team_id": .string(id), "member": member])
            return .redirect("/ui/teams/view?team_id=\(team)&done=member_added")
        case "remove_member":
            _ = try await context.admin(
                .post, "/team/member_delete", body: ["team_id": .string(id), "user_id": .string(context.form.text("user_id") ?? "")])
            return .redirect("/ui/teams/view?team_id=\(team)&done=member_removed")
        case "update":
            var body = try teamFields.body(context.form, update: true)
            body["team_id"] = .string(id)
            _ = try await context.admin(.post, "/team/update", body: .object(body))
            return .redirect("/ui/teams/view?team_id=\(team)&done=team_updated")
        default:
            throw GatewayError.badRequest("Unknown team action.", param: "action")
        }
    }
}
