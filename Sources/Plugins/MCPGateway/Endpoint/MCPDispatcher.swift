import GatewayCore
import MCP

/// Answers one client request by method: the list methods aggregated over the servers in scope, the calls routed to
/// the server their namespaced name names, `initialize`'s result, `ping`.
///
/// `initialize` negotiates the version (the client's when the MCP Swift SDK's ``Version/supported`` has it, else the
/// newest) and declares tools, prompts and resources; tools with `listChanged`: `notifications/tools/list_changed`
/// goes on the client's server-to-client stream (`GET /mcp`, or the older transport's `/sse`) when a server is added,
/// changed or removed, or says its tools changed. Prompts and resources declare no `listChanged` (their lists are
/// not watched).
struct MCPDispatcher: Sendable {
    let registry: MCPServerRegistry
    let aggregator: MCPAggregator
    let tools: MCPToolCaller

    static func negotiatedVersion(_ requested: String?) -> String {
        if let requested, Version.supported.contains(requested) { return requested }
        return Version.latest
    }

    func handle(method: String, params: JSON, scope: [MCPServerDefinition], caller: MCPCaller) async -> Result<JSON, JSONRPCError> {
        switch method {
        case "initialize":
            return .success(Self.initializeResult(version: Self.negotiatedVersion(params["protocolVersion"]?.stringValue)))
        case "ping", "logging/setLevel":
            return .success([:])
        case "tools/list":
            return .success(await aggregator.list(method, member: "tools", servers: scope, caller: caller))
        case "prompts/list":
            return .success(await aggregator.list(method, member: "prompts", servers: scope, caller: caller))
        case "resources/list":
            return .success(await aggregator.list(method, member: "resources", servers: scope, caller: caller))
        case "resources/templates/list":
            return .success(await aggregator.list(method, member: "resourceTemplates", servers: scope, caller: caller))
        case "tools/call":
            switch resolve(params, scope: scope, kind: "tool") {
            case .failure(let error): return .failure(error)
            case .success(let (server, tool)): return await tools.call(server: server, tool: tool, params: params, caller: caller)
            }
        case "prompts/get":
            switch resolve(params, scope: scope, kind: "prompt") {
            case .failure(let error): return .failure(error)
            case .success(let (server, prompt)):
                var forwarded = params
                forwarded["name"] = .string(prompt)
                return await relay("prompts/get", params: forwarded, to: server, caller: caller)
            }
        case "resources/read", "resources/subscribe", "resources/unsubscribe":
            guard let uri = params["uri"]?.stringValue else { return .failure(.invalidParams("'uri' must be a string.")) }
            var owner = await registry.owner(ofResource: uri)
            if owner == nil {
                _ = await aggregator.list("resources/list", member: "resources", servers: scope, caller: caller)
                owner = await registry.owner(ofResource: uri)
            }
            guard let server = owner, scope.contains(where: { $0.name == server.name }) else {
                return .failure(JSONRPCError(code: -32002, message: "Resource not found: \(uri)", data: ["uri": .string(uri)]))
            }
            return await relay(method, params: params, to: server, caller: caller)
        default:
            return .failure(.methodNotFound(method))
        }
    }

    /// The server and its own name of a namespaced `params.name`; on `/mcp/{server}` a bare name is that server's.
    private func resolve(_ params: JSON, scope: [MCPServerDefinition], kind: String) -> Result<(MCPServerDefinition, String), JSONRPCError> {
        guard let name = params["name"]?.stringValue, !name.isEmpty else { return .failure(.invalidParams("'name' must be a string.")) }
        if let arguments = params["arguments"], !arguments.isNull, arguments.objectValue == nil {
            return .failure(.invalidParams("'arguments' must be an object."))
        }
        if let (serverName, own) = MCPNames.split(name), let server = scope.first(where: { $0.name == serverName }) {
            return .success((server, own))
        }
        if scope.count == 1, let server = scope.first { return .success((server, name)) }
        return .failure(
            .invalidParams(
                "Unknown \(kind) '\(name)': names are '<server>-<\(kind)>', with one of the servers \(scope.map(\.name).joined(separator: ", ")).")
        )
    }

    /// Relays a request the gateway does not inspect (after the caller's access to the server is checked).
    private func relay(_ method: String, params: JSON, to server: MCPServerDefinition, caller: MCPCaller) async -> Result<JSON, JSONRPCError> {
        if let refusal = MCPAccess(principal: caller.principal).refusal(for: server) {
            return .failure(.forbidden(refusal.message, reason: refusal.reason))
        }
        do {
            let answer = try await registry.connection(to: server).send(
                method: method, params: params, headers: caller.forwardedHeaders(for: server), progress: caller.progress)
            if let error = answer["error"] {
                return .failure(
                    JSONRPCError(code: error["code"]?.intValue ?? -32603, message: error["message"]?.stringValue ?? "", data: error["data"]))
            }
            return .success(answer["result"] ?? [:])
        } catch let error as MCPUpstreamError {
            return .failure(error.rpcError)
        } catch is CancellationError {
            return .failure(.cancelled)
        } catch {
            return .failure(.upstream("MCP server '\(server.name)' failed.", kind: "unreachable"))
        }
    }

    static func initializeResult(version: String) -> JSON {
        [
            "protocolVersion": .string(version),
            "capabilities": [
                "tools": ["listChanged": true], "prompts": ["listChanged": false], "resources": ["subscribe": false, "listChanged": false],
            ],
            "serverInfo": ["name": "tollgate", "title": "Tollgate MCP gateway", "version": "1.0"],
            "instructions": "Tools, prompts and resources of several MCP servers; each name is '<server>-<name>'.",
        ]
    }
}
