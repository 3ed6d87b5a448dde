import AsyncHTTPClient
import GatewayCore
import Logging
import Testing
import ToolAllowlist

struct ToolAllowlistPluginTests {
    private func hooks(config: JSON) async throws -> [any PipelineHook] {
        let registry = PluginRegistry([ToolAllowlistPlugin.self])
        let manifest = PluginManifest(entries: [.init(name: ToolAllowlistPlugin.id, config: config)])
        let context = PluginContext(
            logger: Logger(label: "tool-allowlist.tests"), config: GatewayConfig(), store: nil, httpClient: HTTPClient.shared, environment: [:])
        return try await registry.build(manifest, context: context).hooks.map(\.hook)
    }

    @Test func checksRequestsAndResponsesByDefault() async throws {
        let hooks = try await hooks(config: [:])
        #expect(hooks.contains { $0 is any ToolAllowlistHook })
        #expect(hooks.contains { $0 is any GuardrailHook })
    }

    @Test func checkResponsesFalseAddsNoResponseStage() async throws {
        let hooks = try await hooks(config: ["check_responses": false])
        #expect(hooks.count == 1)
        #expect(hooks.contains { $0 is any ToolAllowlistHook })
        #expect(!hooks.contains { $0 is any GuardrailHook })
    }

    @Test func badConfigStopsStartup() async throws {
        await #expect(throws: ConfigError.self) { try await hooks(config: ["check_response": true]) }
        await #expect(throws: ConfigError.self) { try await hooks(config: ["check_responses": "yes"]) }
    }
}
