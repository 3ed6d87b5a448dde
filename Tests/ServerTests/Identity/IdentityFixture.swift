import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// A gateway with `virtual-keys` on a real store (SQLite, and Postgres when `TOLLGATE_TEST_POSTGRES_URL` is set and
/// `TOLLGATE_SKIP_POSTGRES` is not `1`), for the management endpoints' end-to-end tests.
///
/// Callers: the master key (`proxy_admin`), and through ``RoleAuthPlugin`` (first in the auth chain) `tg-viewer`
/// (an admin viewer) and `tg-as-<user_id>` (an internal user with that user id).
enum IdentityFixture {
    /// The stores every main suite runs on.
    enum Store: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }

        static var enabled: [Store] {
            ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] == "1" ? [.sqlite] : allCases
        }
    }

    static let admin = GatewayFixture.masterKey
    static let viewer = "tg-viewer"
    static func user(_ id: String) -> String { "tg-as-\(id)" }

    /// Models `fake-a` and `fake-b` (the latter in config access group `beta`).
    static let config = """
        model_list:
          - model_name: fake-a
            litellm_params:
              model: fake/a
          - model_name: fake-b
            litellm_params:
              model: fake/b
            model_info:
              id: fake-b-deployment
              access_groups: [beta]
        general_settings:
          master_key: \(GatewayFixture.masterKey)
        """

    /// Auth for tests: viewer and internal-user principals without needing virtual keys.
    enum RoleAuthPlugin: Plugin {
        static let id = "test-role-auth"
        typealias Configuration = NoConfiguration

        struct RoleAuth: AuthHook {
            func authenticate(_ request: GatewayRequest) async throws -> Principal? {
                guard let credential = request.credential else { return nil }
                if credential == IdentityFixture.viewer { return Principal(subject: "viewer", role: .adminViewer) }
                guard credential.hasPrefix("tg-as-") else { return nil }
                let userID = String(credential.dropFirst("tg-as-".count))
                return Principal(subject: "user:\(userID)", role: .user, userID: userID)
            }
        }

        static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
            PluginComponents(hooks: [RoleAuth()])
        }
    }

    /// Runs a gateway on `store` (a fresh database) and passes it to `body`.
    static func withGateway(_ store: Store, _ body: (TestEndpoint) async throws -> Void) async throws {
        let auth = #"{"name": "test-role-auth"}, {"name": "master-key-auth"}, {"name": "virtual-keys"}"#
        switch store {
        case .sqlite:
            let plugins = #"{"plugins": [{"name": "sqlite-store", "config": {"path": "$TMP/id.db"}}, "# + auth + "]}"
            try await TestGateway.withRunning(config: config, plugins: plugins, extraPlugins: [RoleAuthPlugin.self], body)
        case .postgres:
            let plugins =
                #"{"plugins": [{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 2}}, "# + auth + "]}"
            try await Psql.withScratchDatabase(prefix: "tollgate_id") { url in
                try await TestGateway.withRunning(
                    config: config, plugins: plugins, extraPlugins: [RoleAuthPlugin.self], environment: ["TEST_DATABASE_URL": url], body)
            }
        }
    }

    /// The audit rows for one object, newest first.
    static func auditRows(_ gateway: TestEndpoint, type: String, id: String) async throws -> [JSON] {
        let reply = try await gateway.get("/audit/logs?object_type=\(type)&object_id=\(id)", key: admin)
        #expect(reply.status == 200, "\(reply.body)")
        return reply.json?["audit_logs"]?.arrayValue ?? []
    }
}

/// The management endpoints of `virtual-keys` for identity and access (teams, users, organizations, projects,
/// customers, access groups, audit log); each route family's tests are a nested suite.
@Suite struct IdentityRoutesTests {}
