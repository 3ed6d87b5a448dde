import AsyncHTTPClient
import GatewayCore
import Logging

/// The upstream servers the gateway aggregates (config.yaml's and the stored ones) and one connection to each,
/// made on first use and closed when the server is changed or removed.
///
/// `toolsChanged` is told the names of the servers whose tools may have changed: added, changed or removed servers,
/// and a server that sent `notifications/tools/list_changed` itself.
actor MCPServerRegistry {
    private let httpClient: HTTPClient
    private let credentials: MCPUpstreamCredentials
    private let maxMessageBytes: Int
    private let logger: Logger
    private let configured: [MCPServerDefinition]
    private var servers: [String: MCPServerDefinition] = [:]
    private var connections: [String: any MCPUpstream] = [:]
    /// Which server listed each resource URI last, for `resources/read`.
    private var resourceOwners: [String: String] = [:]
    private let toolsChanged: @Sendable (Set<String>) -> Void

    init(
        configured: [MCPServerDefinition], httpClient: HTTPClient, maxMessageBytes: Int, logger: Logger,
        toolsChanged: @escaping @Sendable (Set<String>) -> Void = { _ in }
    ) {
        self.toolsChanged = toolsChanged
        self.configured = configured
        self.httpClient = httpClient
        self.credentials = MCPUpstreamCredentials(httpClient: httpClient)
        self.maxMessageBytes = maxMessageBytes
        self.logger = logger
        servers = Dictionary(configured.map { ($0.name, $0) }) { first, _ in first }
    }

    /// Every server, by name.
    var all: [MCPServerDefinition] { servers.values.sorted { $0.name < $1.name } }

    func server(named name: String) -> MCPServerDefinition? { servers[name] }

    func server(id: String) -> MCPServerDefinition? { servers.values.first { $0.id == id } }

    /// Replaces the stored servers (config.yaml's stay); connections of servers that changed or went are closed.
    func replaceStored(_ stored: [MCPServerDefinition]) async {
        var next = Dictionary(configured.map { ($0.name, $0) }) { first, _ in first }
        for server in stored where next[server.name] == nil { next[server.name] = server }
        let stale = servers.filter { next[$0.key] != $0.value }.map(\.key)
        let changed = Set(stale).union(next.keys.filter { servers[$0] == nil })
        servers = next
        if !changed.isEmpty { toolsChanged(changed) }
        for name in stale {
            if let connection = connections.removeValue(forKey: name) { await connection.close() }
            await credentials.forget(name)
        }
    }

    /// The connection to a server, made on first use.
    func connection(to server: MCPServerDefinition) -> any MCPUpstream {
        if let existing = connections[server.name] { return existing }
        let (toolsChanged, name) = (self.toolsChanged, server.name)
        let notified: @Sendable (JSON) -> Void = { _ in toolsChanged([name]) }
        let made: any MCPUpstream =
            switch server.transport {
            case .http:
                StreamableHTTPUpstream(
                    server: server, httpClient: httpClient, credentials: credentials, maxMessageBytes: maxMessageBytes, notified: notified)
            case .sse:
                LegacySSEUpstream(
                    server: server, httpClient: httpClient, credentials: credentials, maxMessageBytes: maxMessageBytes, notified: notified)
            case .stdio: StdioUpstream(server: server, maxMessageBytes: maxMessageBytes, logger: logger, notified: notified)
            }
        connections[server.name] = made
        return made
    }

    /// Remembers which server lists `uris` (at most 100,000 are kept).
    func noteResources(_ uris: [String], server: String) {
        if resourceOwners.count + uris.count > 100_000 { resourceOwners = [:] }
        for uri in uris { resourceOwners[uri] = server }
    }

    /// The server that last listed `uri`.
    func owner(ofResource uri: String) -> MCPServerDefinition? {
        resourceOwners[uri].flatMap { servers[$0] }
    }

    /// Closes every connection (graceful shutdown): child processes are stopped.
    func closeAll() async {
        let open = connections
        connections = [:]
        for connection in open.values { await connection.close() }
    }
}
