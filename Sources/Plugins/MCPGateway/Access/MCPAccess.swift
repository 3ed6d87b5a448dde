import GatewayCore

/// Which upstream servers and tools a caller may use, from its key's and team's permissions (LiteLLM's
/// `object_permission`: `mcp_servers` and `mcp_tool_permissions`), and the `allowed_tools` the LLM path also applies.
///
/// - `object_permission.mcp_servers`: server ids or names; when the key and the team both list servers, a server must
///   be in both (LiteLLM's intersection); a level that lists none does not restrict.
/// - `object_permission.mcp_tool_permissions`: `{server id or name: [tool, ...]}` with the server's own tool names;
///   a server listed there at either level exposes only those tools to the caller.
/// - `allowed_tools` (the key's, else the team's, as the `tool-allowlist` plugin reads it): the namespaced name
///   (`weather-forecast`) or the bare one (`forecast`) must be listed.
///
/// Read from the key's and team's metadata (`metadata.object_permission`) as the auth hook cached them, so deciding
/// costs no database round trip. Proxy admins may use every server and tool.
struct MCPAccess: Sendable {
    let principal: Principal

    /// Why a server or tool is refused, for the JSON-RPC error.
    struct Refusal: Error, Sendable, Equatable {
        var message: String
        var reason: String
    }

    private var isAdmin: Bool { principal.role == .admin }

    private var levels: [(name: String, permission: JSON?)] {
        [("key", principal.metadata["object_permission"]), ("team", principal.teamMetadata["object_permission"])]
    }

    /// Nil when the caller may use `server`.
    func refusal(for server: MCPServerDefinition) -> Refusal? {
        guard !isAdmin else { return nil }
        for (level, permission) in levels {
            // A permission that cannot be read refuses everything: a mistyped list must not lift the restriction.
            if let permission, !permission.isNull, permission.objectValue == nil {
                return Refusal(
                    message: "This \(level)'s object_permission is not an object; ask an admin to fix it.", reason: "object_permission_invalid")
            }
            guard let value = permission?["mcp_servers"], !value.isNull else { continue }
            guard let listed = Self.strings(value) else {
                return Refusal(
                    message: "This \(level)'s object_permission.mcp_servers is not a list of strings; ask an admin to fix it.",
                    reason: "object_permission_invalid")
            }
            if !listed.isEmpty, !listed.contains(server.id), !listed.contains(server.name) {
                return Refusal(
                    message: "This \(level) may not use the MCP server '\(server.name)': it is not in the \(level)'s object_permission.mcp_servers.",
                    reason: "mcp_servers")
            }
        }
        return nil
    }

    /// Nil when the caller may call `tool` (the server's own name) of `server`.
    func refusal(for server: MCPServerDefinition, tool: String) -> Refusal? {
        if let refused = refusal(for: server) { return refused }
        let namespaced = MCPNames.namespaced(server: server.name, name: tool)
        guard server.exposes(tool: tool) else {
            return Refusal(
                message: "The tool '\(namespaced)' is not exposed by the gateway (the server's allowed_tools/disallowed_tools).",
                reason: "server_tools")
        }
        guard !isAdmin else { return nil }
        for (level, permission) in levels {
            let perServer = permission?["mcp_tool_permissions"]
            guard let value = perServer?[server.id] ?? perServer?[server.name], !value.isNull else {
                if let perServer, !perServer.isNull, perServer.objectValue == nil {
                    return Refusal(
                        message: "This \(level)'s object_permission.mcp_tool_permissions is not an object; ask an admin to fix it.",
                        reason: "object_permission_invalid")
                }
                continue
            }
            guard let listed = Self.strings(value) else {
                return Refusal(
                    message:
                        "This \(level)'s object_permission.mcp_tool_permissions for '\(server.name)' is not a list of strings; ask an admin to fix it.",
                    reason: "object_permission_invalid")
            }
            if !listed.contains(tool) {
                return Refusal(
                    message:
                        "This \(level) may not call the tool '\(namespaced)': it is not in the \(level)'s object_permission.mcp_tool_permissions for '\(server.name)'.",
                    reason: "mcp_tool_permissions")
            }
        }
        if let (level, allowed) = allowedTools, !allowed.contains(namespaced), !allowed.contains(tool) {
            return Refusal(
                message: "This \(level) may not call the tool '\(namespaced)': it is not in the \(level)'s allowed_tools.", reason: "allowed_tools")
        }
        return nil
    }

    /// The key's `allowed_tools` when it lists any, else the team's (the `tool-allowlist` plugin's rule).
    private var allowedTools: (String, Set<String>)? {
        if let names = Self.strings(principal.metadata["allowed_tools"]), !names.isEmpty { return ("key", Set(names)) }
        if let names = Self.strings(principal.teamMetadata["allowed_tools"]), !names.isEmpty { return ("team", Set(names)) }
        return nil
    }

    /// The strings of a list of strings; nil for anything else (a list with another value included).
    private static func strings(_ value: JSON?) -> [String]? {
        guard let list = value?.arrayValue else { return nil }
        let strings = list.compactMap(\.stringValue)
        return strings.count == list.count ? strings : nil
    }
}
