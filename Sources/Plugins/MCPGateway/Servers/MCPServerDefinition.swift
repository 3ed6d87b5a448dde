import GatewayCore

/// One upstream MCP server the gateway aggregates, as config.yaml's `mcp_servers` entry or `/v1/mcp/server` declares
/// it (LiteLLM's field names; parsing in `MCPServerDefinition+Parsing.swift`).
///
/// Secrets (``staticHeaders`` values, ``authValue``, the OAuth2 client secret, ``environment`` values) are held in
/// plain text in memory only; the stored document has them encrypted (`MCPServerDefinition+Storage.swift`), and the
/// API shows them masked.
struct MCPServerDefinition: Sendable, Hashable {
    /// How the gateway reaches the server.
    enum Transport: String, Sendable, Hashable {
        /// Streamable HTTP (LiteLLM's `http`; `streamable_http` and `streamable-http` are read as this).
        case http
        /// The older HTTP+SSE transport: a GET event stream that names the POST endpoint.
        case sse
        /// A child process started by the gateway, newline-delimited JSON-RPC on its stdin and stdout.
        case stdio
    }

    /// OAuth2 client credentials: a token from `tokenURL`, cached until it expires, sent as `Authorization: Bearer`.
    struct OAuth2: Sendable, Hashable {
        var clientID: String
        var clientSecret: String
        var tokenURL: String
        var scopes: [String]
    }

    /// The server's id (`server_id`); for a config.yaml server its name.
    var id: String
    /// The name its tools, prompts and resources are prefixed with (`server_name`, `alias` or the config key).
    var name: String
    var transport: Transport
    var url: String?
    var command: String?
    var arguments: [String] = []
    var environment: [String: String] = [:]
    /// LiteLLM's `auth_type`: `none`, `api_key` (`X-API-Key`), `bearer_token`, `basic`, `authorization` (sent as it is)
    /// or `oauth2`.
    var authType: String?
    /// The value `authType` sends (`authentication_token`, or `credentials.auth_value`).
    var authValue: String?
    var oauth2: OAuth2?
    /// Headers sent on every upstream request (`static_headers`).
    var staticHeaders: [String: String] = [:]
    /// Client headers forwarded as they came, per request (`extra_headers`, lower-cased names).
    var passThroughHeaders: [String] = []
    /// The server's own tool names it exposes (`allowed_tools`); nil exposes every tool.
    var allowedTools: [String]?
    /// The server's own tool names it never exposes (`disallowed_tools`).
    var disallowedTools: [String] = []
    /// Calls per minute to this server, from every caller together (`rpm_limit`); nil for no limit.
    var rpmLimit: Int?
    /// Calls per minute per key to this server (`key_rpm_limit`); nil for no limit.
    var keyRPMLimit: Int?
    /// Calls per minute per team to this server (`team_rpm_limit`); nil for no limit.
    var teamRPMLimit: Int?
    /// What a call costs in USD (LiteLLM's `mcp_info.mcp_server_cost_info`): per tool, else the default.
    var costPerCall: Double?
    var costPerTool: [String: Double] = [:]
    /// Seconds an upstream call may take (`timeout`, default 60).
    var timeoutSeconds: Double = 60
    var description: String?
    /// Whether config.yaml declared it (read-only through the API).
    var fromConfig = false

    /// ``timeoutSeconds`` in milliseconds, bounded to 1 ms...1 h whatever was set (parsing checks 0 < s <= 3600; a NaN or
    /// an out-of-range value from elsewhere must not reach the `Int64` conversion, which traps).
    var timeoutMilliseconds: Int64 {
        guard timeoutSeconds.isFinite else { return 60_000 }
        return Int64(min(max(timeoutSeconds, 0.001), 3600) * 1000)
    }

    /// The cost of one call of `tool` (0 when none is set).
    func cost(of tool: String) -> Double { costPerTool[tool] ?? costPerCall ?? 0 }

    /// Whether the server exposes its tool `tool` at all (before any caller's permissions).
    func exposes(tool: String) -> Bool {
        if disallowedTools.contains(tool) { return false }
        return allowedTools.map { $0.contains(tool) } ?? true
    }
}
