import GatewayCore

/// `/ui/models`: the catalog (`/model/info`), cooldowns and last health results (`/routing/deployments`), health on request (`/health?refresh=true`, which probes every
/// deployment, so never on a plain page load), and for admins add (`/model/new`), change credentials
/// (`/model/update`) and delete (`/model/delete`) of run-time models. The playground is ``PlaygroundPage``.
enum ModelsPage {
    static func show(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        let deployments = try await context.admin(.get, "/model/info")["data"]?.arrayValue ?? []
        let health = context.query["health"] == "1" ? try await context.admin(.get, "/health", query: ["refresh": "true"]) : nil
        // Cooldowns and the last health results, when the routing plugin is on (404 otherwise).
        let routing = try? await context.admin(.get, "/routing/deployments")
        let view = ModelsView.make(deployments: deployments, health: health, routing: routing, role: context.role, csrf: context.session.csrfToken)
        return .page(title: "Models", section: .models, html: renderer.render(view, "models") + renderer.render(view, "playground"))
    }

    static func act(_ context: UIContext) async throws -> UIResult {
        let form = context.form
        switch form["action"] {
        case "create":
            guard let name = form.text("model_name"), let model = form.text("model") else {
                throw GatewayError.badRequest("A model name and an upstream model (provider/model) are required.", param: "model_name")
            }
            var params: [String: JSON] = ["model": .string(model)]
            if let base = form.text("api_base") { params["api_base"] = .string(base) }
            if let key = form.text("api_key") { params["api_key"] = .string(key) }
            var info: [String: JSON] = [:]
            if let team = form.text("team_id") { info["team_id"] = .string(team) }
            _ = try await context.admin(
                .post, "/model/new", body: ["model_name": .string(name), "litellm_params": .object(params), "model_info": .object(info)])
            return .redirect("/ui/models?done=model_created")
        case "update":
            guard let id = form.text("id") else { throw GatewayError.badRequest("Name a model.", param: "id") }
            var params: [String: JSON] = [:]
            if let base = form.text("api_base") { params["api_base"] = .string(base) }
            // A blank key field keeps the stored key: the form never holds the real one.
            if let key = form.text("api_key") { params["api_key"] = .string(key) }
            _ = try await context.admin(.post, "/model/update", body: ["model_info": ["id": .string(id)], "litellm_params": .object(params)])
            return .redirect("/ui/models?done=model_updated")
        case "delete":
            guard let id = form.text("id") else { throw GatewayError.badRequest("Name a model.", param: "id") }
            _ = try await context.admin(.post, "/model/delete", body: ["id": .string(id)])
            return .redirect("/ui/models?done=model_deleted")
        default:
            throw GatewayError.badRequest("Unknown model action.", param: "action")
        }
    }
}
