import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// A plugin's management endpoints: registered by the server, callers authenticated by the auth hooks and
/// admitted by the route's access rule before the handler runs.
struct AdminRouteTests {
    /// A third-party plugin with an auth hook (`sk-viewer`, `sk-user`) and three management routes.
    enum EchoAdminPlugin: Plugin {
        static let id = "echo-admin"
        typealias Configuration = NoConfiguration

        struct RoleAuth: AuthHook {
            func authenticate(_ request: GatewayRequest) async throws -> Principal? {
                switch request.credential {
                case "sk-viewer": return Principal(subject: "viewer", role: .adminViewer)
                case "sk-user": return Principal(subject: "user", role: .user)
                default: return nil
                }
            }
        }

        static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
            let echo: @Sendable (AdminRequest) async throws -> JSON = { request in
                [
                    "caller": .string(request.principal.subject), "body": request.body,
                    "query": .object(request.query.mapValues { .string($0) }), "parameters": .object(request.parameters.mapValues { .string($0) }),
                ]
            }
            return PluginComponents(
                hooks: [RoleAuth()],
                adminRoutes: [
                    AdminRoute(.get, "/echo/info", access: .adminOrViewer, handler: echo),
                    AdminRoute(.post, "/echo/new", access: .admin, handler: echo),
                    AdminRoute(.patch, "/echo/{id}/update", access: .authenticated) { request in
                        guard request.body["name"] != nil else { throw GatewayError.badRequest("name is required", param: "name") }
                        return try await echo(request)
                    },
                ])
        }
    }

    static let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "echo-admin"}]}"#

    func withGateway(_ body: (TestEndpoint) async throws -> Void) async throws {
        try await TestGateway.withRunning(
            config: "general_settings:\n  master_key: \(GatewayFixture.masterKey)", plugins: Self.plugins, extraPlugins: [EchoAdminPlugin.self]
        ) { gateway in try await body(gateway) }
    }

    @Test func adminCallsEveryRouteWithBodyQueryAndParameters() async throws {
        try await withGateway { gateway in
            let write = try await gateway.post("/echo/new", json: ["team": "a"], key: GatewayFixture.masterKey)
            #expect(write.status == 200)
            #expect(write.json?["caller"] == "master_key")
            #expect(write.json?["body"]?["team"] == "a")

            let read = try await gateway.get("/echo/info?key=abc", key: GatewayFixture.masterKey)
            #expect(read.json?["query"]?["key"] == "abc")

            let update = try await gateway.request(
                .PATCH, "/echo/m-1/update", body: #"{"name": "x"}"#, headers: ["authorization": "Bearer \(GatewayFixture.masterKey)"])
            #expect(update.json?["parameters"]?["id"] == "m-1")
        }
    }

    @Test func viewersReadButDoNotWrite() async throws {
        try await withGateway { gateway in
            #expect(try await gateway.get("/echo/info", key: "sk-viewer").status == 200)
            let write = try await gateway.post("/echo/new", json: [:], key: "sk-viewer")
            #expect(write.status == 403)
            #expect(write.error?["code"] == "route_not_allowed")
        }
    }

    @Test func usersOnlyReachAuthenticatedRoutes() async throws {
        try await withGateway { gateway in
            #expect(try await gateway.get("/echo/info", key: "sk-user").status == 403)
            #expect(try await gateway.post("/echo/new", json: [:], key: "sk-user").status == 403)
            let update = try await gateway.request(.PATCH, "/echo/7/update", body: #"{"name": "y"}"#, headers: ["authorization": "Bearer sk-user"])
            #expect(update.status == 200)
        }
    }

    @Test func rejectionsAreOpenAIShaped() async throws {
        try await withGateway { gateway in
            #expect(try await gateway.get("/echo/info").status == 401)
            #expect(try await gateway.get("/echo/info", key: "sk-unknown").status == 401)
            let missingField = try await gateway.request(.PATCH, "/echo/7/update", body: "{}", headers: ["authorization": "Bearer sk-user"])
            #expect(missingField.status == 400)
            #expect(missingField.error?["param"] == "name")
            let badJSON = try await gateway.request(.POST, "/echo/new", body: "{", headers: ["authorization": "Bearer \(GatewayFixture.masterKey)"])
            #expect(badJSON.status == 400)
            #expect(try await gateway.get("/echo/new", key: GatewayFixture.masterKey).status == 405)
        }
    }
}
