/// config.yaml, parsed: the models and the settings. LiteLLM's config.yaml is accepted as it is.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `model_list[].model_name` | string, required | |
/// | `model_list[].litellm_params.model` | `provider/name`, required | |
/// | `model_list[].litellm_params.api_base`, `api_key` | string or `os.environ/NAME` | provider default, none |
/// | `model_list[].litellm_params.timeout` | seconds | 600 |
/// | `model_list[].litellm_params.rpm`, `tpm`, `weight`, `order` | number | none, none, 1, none |
/// | `model_list[].model_info.id`, `access_groups`, `input_cost_per_token`, `output_cost_per_token` | | derived, [], 0, 0 |
/// | `general_settings.master_key` | string or `os.environ/NAME` | none |
/// | `general_settings.max_request_size_mb` | number | 10 |
/// | `general_settings.model_cost_map_url` | URL or path of a price map read at startup (after env `LITELLM_MODEL_COST_MAP_URL`) | the bundled map |
/// | `general_settings.global_max_parallel_requests`, timeouts, header size, upstream connections | see ``ServerLimits`` | 4096, ... |
/// | `router_settings.num_retries`, `retry_after`, `fallbacks`, ... | see ``RouterSettings`` | 0, 0.5 s, none |
/// | `router_settings`, `litellm_settings` | objects, kept for the plugins that read them | {} |
/// | `guardrails`, `policies`, `policy_attachments` | LiteLLM's sections, kept for the guardrail and policy plugins | none |
///
/// Unknown top-level and `general_settings` keys are warnings, not errors. `litellm_params` that are request
/// parameters of the providers' APIs go upstream as defaults; LiteLLM's gateway settings are read or ignored, and
/// unknown names are warnings (``Deployment/requestParams``, ``Deployment/gatewayOnlyParams``).
public struct GatewayConfig: Sendable {
    public var deployments: [Deployment]
    public var masterKey: String?
    /// Largest request body accepted, in bytes.
    public var maxRequestBodyBytes: Int
    public var generalSettings: [String: JSON]
    public var routerSettings: [String: JSON]
    /// The attempt loop's part of `router_settings`: retries and fallbacks.
    public var router = RouterSettings()
    public var litellmSettings: [String: JSON]
    /// Things in the file that were ignored, for the startup log.
    public var warnings: [String]
    /// `model_prices`: the file's prices over the bundled table (models added at runtime are priced with it too).
    public var prices = PriceTable()
    /// What the HTTP server takes on and how long it waits for slow clients (`general_settings`).
    public var serverLimits = ServerLimits()
    /// `guardrails`: LiteLLM's guardrail entries, each a mapping with a unique `guardrail_name` (the `guardrails`
    /// plugin parses them; ``readGuardrailSections(_:)``).
    public var guardrails: [JSON] = []
    /// `policies`: LiteLLM's guardrail policies by name (the `policies` plugin parses them).
    public var policies: [String: JSON] = [:]
    /// `policy_attachments`: where those policies apply, each a mapping (the `policies` plugin parses them).
    public var policyAttachments: [JSON] = []
    /// `mcp_servers`: LiteLLM's MCP servers by name, each a mapping (the `mcp-gateway` plugin parses them).
    public var mcpServers: [String: JSON] = [:]

    public init(
        deployments: [Deployment] = [], masterKey: String? = nil, maxRequestBodyBytes: Int = 10 * 1024 * 1024,
        generalSettings: [String: JSON] = [:], routerSettings: [String: JSON] = [:], litellmSettings: [String: JSON] = [:],
        warnings: [String] = []
    ) {
        self.deployments = deployments
        self.masterKey = masterKey
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.generalSettings = generalSettings
        self.routerSettings = routerSettings
        self.litellmSettings = litellmSettings
        self.warnings = warnings
    }

    /// The public model names, in config order, each once.
    public var modelNames: [String] {
        var seen = Set<String>()
        return deployments.map(\.modelName).filter { seen.insert($0).inserted }
    }
}

/// Why config.yaml could not be used. The message names the key path; it never contains a secret value.
public struct ConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    /// The field at fault inside the object parsed (`litellm_params.api_base`), for an API that reports it as `param`.
    public let field: String?
    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }
    public var description: String { message }
}
