import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

@testable import Policies

/// The policy routes and registry on a real SQLite file, called without HTTP (the HTTP tests are in ServerTests).
struct PolicyHarness {
    let store: SQLiteGatewayStore
    let registry: PolicyRegistry
    let routes: [AdminRoute]

    static let guardrails = ["pii", "regex", "http"]

    static func run(_ body: (PolicyHarness) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteGatewayStore(path: directory.path + "/tollgate.db")
        _ = try await store.migrate()
        let catalog = GuardrailCatalog()
        catalog.declare(guardrails)
        let registry = PolicyRegistry()
        let routes = PolicyRoutes(store: store, registry: registry, guardrails: catalog).routes
        try await body(PolicyHarness(store: store, registry: registry, routes: routes))
    }

    /// Calls the route registered for `method` and `path` (the path as registered, with `{parameters}`).
    @discardableResult
    func call(
        _ method: AdminRoute.Method, _ path: String, parameters: [String: String] = [:], query: [String: String] = [:], body: JSON = [:]
    ) async throws -> JSON {
        let route = try #require(routes.first { $0.method == method && $0.path == path }, "no route \(method) \(path)")
        let admin = Principal(subject: "master_key", role: .admin)
        return try await route.handler(AdminRequest(requestID: "test", principal: admin, body: body, query: query, parameters: parameters))
    }

    func create(_ name: String, add: [String]) async throws -> String {
        let reply = try await call(.post, "/policies", body: ["policy_name": .string(name), "guardrails_add": .array(add.map(JSON.string))])
        return try #require(reply["policy_id"]?.stringValue)
    }

    func newVersion(_ name: String, body: JSON = [:]) async throws -> String {
        let reply = try await call(.post, "/policies/name/{policy_name}/versions", parameters: ["policy_name": name], body: body)
        return try #require(reply["policy_id"]?.stringValue)
    }

    func setStatus(_ id: String, _ status: String) async throws {
        try await call(.put, "/policies/{policy_id}/status", parameters: ["policy_id": id], body: ["version_status": .string(status)])
    }
}
