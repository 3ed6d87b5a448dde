import GatewayCore
import GatewayTesting

/// A gateway with every built-in plugin that serves routes, for the API contract tests and the schemathesis pass.
enum ContractGateway {
    static let masterKey = "sk-contract-master"

    /// The plugins enabled: every built-in plugin that adds routes, and the others that run without settings.
    static let plugins = [
        "sqlite-store", "master-key-auth", "virtual-keys", "model-management", "spend-log", "budgets", "routing", "tool-allowlist",
        "policies", "guardrails", "prometheus", "request-log", "admin-ui", "mcp-gateway",
    ]
    /// Built-in plugins left out: they serve no route (a second store, exporters that need a receiver).
    static let withoutRoutes: Set<String> = ["postgres-store", "http-callback", "alerts", "otel-tracing", "jwt-auth"]

    static var pluginsJSON: String {
        let entries = plugins.map { name in
            name == "sqlite-store" ? #"{"name": "sqlite-store", "config": {"path": "$TMP/contract.db"}}"# : #"{"name": "\#(name)"}"#
        }
        return #"{"plugins": [\#(entries.joined(separator: ", "))]}"#
    }

    static let config = """
        model_list:
          - model_name: gpt-4o-mini
            litellm_params:
              model: fake/gpt
            model_info:
              input_cost_per_token: 0.000001
              output_cost_per_token: 0.000002
          - model_name: text-embedding-3-small
            litellm_params:
              model: fake/embed
            model_info:
              mode: embedding
        general_settings:
          master_key: \(masterKey)
        """

    /// model-management encrypts stored credentials with this key.
    static let environment = ["TOLLGATE_ENCRYPTION_KEY": "Y29udHJhY3QtdGVzdHMtZW5jcnlwdGlvbi1rZXktMzI="]

    static func withRunning<T: Sendable>(_ body: (TestEndpoint) async throws -> T) async throws -> T {
        try await TestGateway.withRunning(config: config, plugins: pluginsJSON, environment: environment, body)
    }
}
