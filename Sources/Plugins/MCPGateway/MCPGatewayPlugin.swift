public import GatewayCore
import Logging
import ServiceLifecycle

/// `mcp-gateway`: one governed MCP endpoint for many MCP servers, with the LLM path's keys, teams, limits,
/// guardrails and logs. See docs/mcp.md.
///
/// Serves `/mcp` and `/mcp/{server}` (``MCPEndpoint``), aggregating config.yaml's `mcp_servers` and the servers added
/// through `/v1/mcp/server` (``MCPServerRoutes``; stored when a storage plugin is enabled, their credentials encrypted
/// with the key in `encryption_key_env`, as model credentials are).
///
/// Why the MCP Swift SDK is used for its protocol constants (versions, error codes) and not for its `Client` and
/// `Server`: a gateway relays JSON-RPC messages it mostly does not need to decode, keeping every field it does not
/// know (a typed round trip would drop what the SDK's version of the schema lacks); its `Server` serves one
/// transport connection per instance where the gateway answers each HTTP request for many callers with their own
/// permissions; its HTTP client transport runs on URLSession, which does not read SSE answers on Linux; and its
/// stdio transport polls every 10 ms (see ``StdioUpstream``).
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `encryption_key_env` | environment variable name | `TOLLGATE_ENCRYPTION_KEY` |
/// | `refresh_seconds` | number | 30 |
/// | `max_message_bytes` | integer: the largest message read from a client or an upstream server | 4194304 |
public enum MCPGatewayPlugin: Plugin {
    public static let id = "mcp-gateway"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["encryption_key_env", "refresh_seconds", "max_message_bytes"]
        public var encryptionKeyVariable: String
        public var refreshSeconds: Double
        public var maxMessageBytes: Int

        enum CodingKeys: String, CodingKey {
            case encryptionKeyVariable = "encryption_key_env"
            case refreshSeconds = "refresh_seconds"
            case maxMessageBytes = "max_message_bytes"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            encryptionKeyVariable = try container.decodeIfPresent(String.self, forKey: .encryptionKeyVariable) ?? "TOLLGATE_ENCRYPTION_KEY"
            refreshSeconds = try container.decodeIfPresent(Double.self, forKey: .refreshSeconds) ?? 30
            try InputRange.settingSeconds(refreshSeconds, key: "refresh_seconds")
            maxMessageBytes = try container.decodeIfPresent(Int.self, forKey: .maxMessageBytes) ?? 4 * 1024 * 1024
            guard (1024...(256 * 1024 * 1024)).contains(maxMessageBytes) else {
                throw ConfigError("max_message_bytes must be between 1024 and 268435456")
            }
        }
    }

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        var configured: [MCPServerDefinition] = []
        for name in context.config.mcpServers.keys.sorted() {
            do {
                var server = try MCPServerDefinition(parsing: context.config.mcpServers[name] ?? .null, name: name, id: name)
                server.fromConfig = true
                configured.append(server)
            } catch let error as ConfigError {
                throw ConfigError("config.yaml: mcp_servers.\(name): \(error.message)", field: error.field)
            }
        }
        let streams = MCPClientStreams()
        let registry = MCPServerRegistry(
            configured: configured, httpClient: context.httpClient, maxMessageBytes: configuration.maxMessageBytes, logger: context.logger,
            toolsChanged: { servers in streams.broadcast(MCPClientStreams.toolsListChanged, servers: servers) })
        let tools = MCPToolCaller(registry: registry, limiter: MCPRateLimiter(), metrics: MCPMetrics(metrics: context.metrics))
        let dispatcher = MCPDispatcher(registry: registry, aggregator: MCPAggregator(registry: registry, logger: context.logger), tools: tools)
        let endpoint = MCPEndpoint(
            registry: registry, dispatcher: dispatcher, sessions: MCPSessions(), maxMessageBytes: configuration.maxMessageBytes, streams: streams)
        var services: [any Service] = [MCPConnectionCloser(registry: registry)]
        var adminRoutes: [AdminRoute] = []
        if let store = context.store {
            let variable = configuration.encryptionKeyVariable
            guard let secret = context.environment[variable] else {
                throw ConfigError(
                    "plugin 'mcp-gateway' needs the environment variable \(variable): it encrypts the credentials of MCP servers stored "
                        + "through /v1/mcp/server (e.g. export \(variable)=\"$(openssl rand -base64 32)\")")
            }
            let manager = MCPServerManager(
                store: store, cipher: try CredentialCipher(secret: secret, variable: variable), registry: registry, logger: context.logger)
            let initial = StartupLoad("stored MCP servers", store: store, logger: context.logger) { try await manager.reload() }
            try await initial.loadNow()
            let refresh = PeriodicService(
                everySeconds: configuration.refreshSeconds, logger: context.logger,
                failureMessage: "stored MCP servers could not be reloaded; keeping the current ones"
            ) { try await manager.reload() }
            let notified = ReloadOnChange(
                feed: store.changes, matches: { if case .entity(.mcpServer, _) = $0 { true } else { false } }, logger: context.logger,
                failureMessage: "stored MCP servers could not be reloaded after a change on another instance; keeping the current ones"
            ) { try await manager.reload() }
            services += [initial, refresh, notified]
            adminRoutes = MCPServerRoutes(manager: manager, registry: registry).routes
        } else {
            adminRoutes = MCPServerRoutes.readOnlyRoutes(registry: registry)
        }
        return PluginComponents(
            services: services, adminRoutes: adminRoutes, httpRoutes: endpoint.routes + MCPLegacySSEEndpoint(endpoint: endpoint).routes)
    }
}

/// Closes the upstream connections on graceful shutdown, so the stdio servers' child processes stop with the gateway.
struct MCPConnectionCloser: Service {
    let registry: MCPServerRegistry

    func run() async throws {
        try? await gracefulShutdown()
        await registry.closeAll()
    }
}
