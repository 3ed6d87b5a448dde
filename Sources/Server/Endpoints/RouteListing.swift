import GatewayCore

/// `GET /routes` (LiteLLM's): every route this gateway serves, `{"routes": [{"path", "methods"}]}`, sorted by path.
/// Any authenticated caller may read it; it names routes, not who may call them.
enum RouteListing {
    /// The route itself, listing what the router recorded in `table` (this route included) when it is called.
    static func route(listing table: RouteTable) -> AdminRoute {
        AdminRoute(.get, "/routes", access: .authenticated) { _ in
            var methods: [String: Set<String>] = [:]
            for route in table.routes { methods[route.path, default: []].insert(route.method) }
            let routes: [JSON] = methods.keys.sorted().map { path in
                ["path": .string(path), "methods": .array(methods[path, default: []].sorted().map { .string($0) })]
            }
            return ["routes": .array(routes)]
        }
    }
}
