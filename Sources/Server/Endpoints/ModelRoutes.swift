import GatewayCore
import Hummingbird

/// `GET /v1/models`: the public model names the caller may use, in OpenAI's list shape: wildcard deployments'
/// patterns as they are named (`anthropic/*`), then, as LiteLLM lists them, the names they have served so far.
/// With `?only_model_access_groups=true`, the access groups the caller can use instead (`ModelRoutes+AccessGroups`).
struct ModelRoutes {
    let runner: PipelineRunner

    /// The names wildcard deployments served that `principal` may use (no model list, or one that names them:
    /// the auth plugin counts served names among the models it grants) and can still reach.
    static func wildcardNames(_ models: ModelDirectory, for principal: Principal) -> [String] {
        let catalog = models.catalog
        return models.wildcardNamesServed.filter { name in
            (principal.allowedModels.isEmpty || principal.allowedModels.contains(name)) && catalog.isServedByWildcard(name, teamID: principal.teamID)
        }
    }

    static let paths = ["/v1/models", "/models"]

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        for path in Self.paths {
            router.get(RouterPath(path)) { request, context in
                let gatewayRequest = IncomingRequest.gatewayRequest(
                    request, context: context, endpoint: .chatCompletions, route: path, body: .object([:]))
                let principal = try await runner.authenticate(gatewayRequest)
                let query = IncomingRequest.query(of: request)
                let onlyGroups = try Self.flag("only_model_access_groups", in: query)
                let catalog = runner.models.catalog
                var names = catalog.modelNames(for: principal) + Self.wildcardNames(runner.models, for: principal)
                if onlyGroups {
                    let reachable = Set(catalog.modelNames(teamID: principal.teamID) + runner.models.wildcardNamesServed)
                    names = Self.accessGroupNames(await runner.models.accessGroups(), for: principal, reachable: reachable, usable: Set(names))
                }
                let data: [JSON] = names.map { ["id": .string($0), "object": "model", "created": 0, "owned_by": "tollgate"] }
                return ResponseRendering.json(["object": "list", "data": .array(data)])
            }
        }
    }
}
