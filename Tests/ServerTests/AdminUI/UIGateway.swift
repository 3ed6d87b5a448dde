import Foundation
import GatewayCore
import GatewayTesting

/// A gateway with the admin UI on SQLite (master key, virtual keys, budgets, spend log, admin-ui) in front of the
/// loopback OpenAI-compatible test upstream, with one priced model so calls cost something.
enum UIGateway {
    /// The priced model the tests call: 11 prompt and 7 completion tokens from the test upstream.
    static let model = "ui-gpt"
    static let master = GatewayFixture.masterKey

    /// - Parameter seed: runs on the SQLite file's path before the gateway opens it.
    static func run(
        sessionTTL: Double = 3600, seed: ((String) async throws -> Void)? = nil, _ body: (TestEndpoint) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await seed?(directory.path + "/tollgate.db")
        let plugins = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/tollgate.db"}}, {"name": "master-key-auth"},
             {"name": "virtual-keys"}, {"name": "model-management"}, {"name": "budgets"}, {"name": "routing"},
             {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}},
             {"name": "admin-ui", "config": {"session_ttl_seconds": \(sessionTTL)}}]}
            """
        try await TestUpstream.withRunning { upstream, _ in
            let extra = """
                  - model_name: \(model)
                    litellm_params: {model: openai/echo, api_base: "\(upstream.baseURL)/v1", api_key: sk-upstream}
                    model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002}
                """
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream, extra: extra), plugins: plugins,
                environment: ["TOLLGATE_ENCRYPTION_KEY": String(repeating: "k", count: 32)]
            ) { gateway in try await body(gateway) }
        }
    }
}
