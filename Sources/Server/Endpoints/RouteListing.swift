import GatewayCore

/// `GET /routes` (LiteLLM's): every route this gateway serves, `{"routes": [{"path", "methods"}]}`, sorted by path.
/// Any authenticated caller may read it; it names routes, not who may call them.
enum RouteListing {
    /// The route itself, listing the proxy routes and `admin` (the plugins' management routes) with it.
    static func route(listing admin: [AdminRoute]) -> AdminRoute {
        var methods: [String: Set<String>] = [:]
        for (path, _) in OpenAIRoutes.paths { methods[path, default: []].insert("POST") }
        for path in AnthropicRoutes.paths { methods[path, default: []].insert("POST") }
        for prefix in ResponsesRoutes.prefixes {
            methods[prefix, default: []].insert("POST")
            methods[prefix + "/{id}", default: []].formUnion(["GET", "DELETE"])
            methods[prefix + "/{id}/input_items", default: []].insert("GET")
        }
        for path in ModelRoutes.paths + HealthRoutes.paths + ["/routes"] { methods[path, default: []].insert("GET") }
        for route in admin { methods[route.path, default: []].insert(route.method.rawValue) }
        let routes: [JSON] = methods.keys.sorted().map { path in
            ["path": .string(path), "methods": .array(methods[path, default: []].sorted().map { .string($0) })]
        }
        let answer: JSON = ["routes": .array(routes)]
        return AdminRoute(.get, "/routes", access: .authenticated) { _ in answer }
    }
}
