import GatewayCore
import GatewayTesting
import HTTPTypes
import NIOCore
import NIOHTTP1
import Testing

/// A plugin's own HTTP endpoints (``PluginHTTPRoute``): served with the plugin's content type and headers, the body
/// handed over, and the gateway's authentication and management API reachable through ``GatewayAccess`` with the
/// same authorization as over HTTP.
struct PluginHTTPRouteTests {
    /// A page that authenticates its caller's key, then calls a management route as that caller; and a stream.
    enum PagePlugin: Plugin {
        static let id = "page-plugin"
        typealias Configuration = NoConfiguration

        struct UserAuth: AuthHook {
            func authenticate(_ request: GatewayRequest) async throws -> Principal? {
                request.credential == "sk-user" ? Principal(subject: "user", role: .user) : nil
            }
        }

        static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
            PluginComponents(
                hooks: [UserAuth()],
                adminRoutes: [
                    AdminRoute(.post, "/page-admin/{id}/rename", access: .admin) { request in
                        ["id": .string(request.parameters["id"] ?? ""), "name": request.body["name"] ?? .null]
                    }
                ],
                httpRoutes: [
                    PluginHTTPRoute(.post, "/page/{id}") { request in
                        let principal = try await request.gateway.authenticate(
                            credential: request.credential, route: request.path, requestID: request.requestID)
                        let name = String(buffer: request.body)
                        let renamed = try await request.gateway.callAdmin(
                            .post, "/page-admin/\(request.parameters["id"] ?? "")/rename", as: principal, body: ["name": .string(name)],
                            requestID: request.requestID)
                        return PluginHTTPResponse(
                            contentType: "text/html; charset=utf-8", headers: [HTTPField.Name("set-cookie")!: "s=1; HttpOnly"],
                            body: "<p>\(renamed["id"]?.stringValue ?? "")=\(renamed["name"]?.stringValue ?? "")</p>")
                    },
                    PluginHTTPRoute(.get, "/page-stream") { _ in
                        let stream = AsyncThrowingStream<ByteBuffer, any Error> { continuation in
                            for index in 1...3 { continuation.yield(ByteBuffer(string: "data: \(index)\n\n")) }
                            continuation.finish()
                        }
                        return PluginHTTPResponse(headers: [.contentType: "text/event-stream"], body: .stream(stream))
                    },
                ])
        }
    }

    func withGateway(_ body: (TestEndpoint) async throws -> Void) async throws {
        try await TestGateway.withRunning(
            config: "general_settings:\n  master_key: \(GatewayFixture.masterKey)\n  max_request_size_mb: 0.0001",
            plugins: #"{"plugins": [{"name": "master-key-auth"}, {"name": "page-plugin"}]}"#, extraPlugins: [PagePlugin.self]
        ) { gateway in try await body(gateway) }
    }

    @Test func pageCallsManagementRouteAsItsCaller() async throws {
        try await withGateway { gateway in
            let page = try await gateway.request(
                .POST, "/page/team-1", body: "blue", headers: ["authorization": "Bearer \(GatewayFixture.masterKey)"])
            #expect(page.status == 200)
            #expect(page.body == "<p>team-1=blue</p>")
            #expect(page.header("content-type") == "text/html; charset=utf-8")
            #expect(page.header("set-cookie") == "s=1; HttpOnly")
        }
    }

    @Test func pageRefusesWhatTheAPIRefuses() async throws {
        try await withGateway { gateway in
            let anonymous = try await gateway.request(.POST, "/page/team-1", body: "blue")
            #expect(anonymous.status == 401)
            let wrongKey = try await gateway.request(.POST, "/page/team-1", body: "blue", headers: ["authorization": "Bearer sk-nope"])
            #expect(wrongKey.status == 401)
            // A user's key authenticates, but the management route it leads to is for proxy admins.
            let user = try await gateway.request(.POST, "/page/team-1", body: "blue", headers: ["authorization": "Bearer sk-user"])
            #expect(user.status == 403)
            #expect(user.error?["code"] == "route_not_allowed")
            let tooLarge = try await gateway.request(
                .POST, "/page/team-1", body: String(repeating: "x", count: 200), headers: ["authorization": "Bearer \(GatewayFixture.masterKey)"])
            #expect(tooLarge.status == 413)
        }
    }

    @Test func streamIsRelayedAsProduced() async throws {
        try await withGateway { gateway in
            let stream = try await gateway.get("/page-stream")
            #expect(stream.status == 200)
            #expect(stream.eventData == ["1", "2", "3"])
        }
    }
}
