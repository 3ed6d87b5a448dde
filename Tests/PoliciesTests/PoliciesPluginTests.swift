import AsyncHTTPClient
import GatewayCore
import GatewayTesting
import Logging
import SQLiteStore
import Testing

@testable import Policies

/// Startup rules of the `policies` plugin.
struct PoliciesPluginTests {
    static func context(store: (any GatewayStore)?, declared: [String]) -> PluginContext {
        let catalog = GuardrailCatalog()
        catalog.declare(declared)
        return PluginContext(
            logger: Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() }), config: GatewayConfig(), store: store,
            httpClient: HTTPClient.shared, environment: [:], guardrails: catalog)
    }

    @Test func itNeedsAStoreAndMustComeBeforeTheGuardrailPlugins() async throws {
        let configuration = try JSON.object([:]).decode(PoliciesPlugin.Configuration.self)
        await #expect(throws: ConfigError.self) {
            _ = try await PoliciesPlugin.make(configuration: configuration, context: Self.context(store: nil, declared: []))
        }

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteGatewayStore(path: directory.path + "/tollgate.db")
        _ = try await store.migrate()
        do {
            _ = try await PoliciesPlugin.make(configuration: configuration, context: Self.context(store: store, declared: ["pii"]))
            Issue.record("policies listed after a guardrail plugin started")
        } catch let error as ConfigError {
            #expect(error.message.contains("before the guardrail plugins"), "\(error.message)")
        }
        let components = try await PoliciesPlugin.make(configuration: configuration, context: Self.context(store: store, declared: []))
        #expect(components.adminRoutes.contains { $0.path == "/policies/resolve" })
        #expect(components.hooks.count == 1)
    }
}
