import GatewayCore
import Logging

/// The list methods over every server a caller may use: each server's `tools/list`, `prompts/list`,
/// `resources/list` and `resources/templates/list`, asked concurrently, names prefixed with the server's
/// (``MCPNames``), entries the caller may not use left out.
///
/// A server that fails to answer is left out of the list (and logged) rather than failing the whole list: one
/// server being down must not hide the others' tools. Each server's pages are followed (`nextCursor`), up to 50.
struct MCPAggregator: Sendable {
    let registry: MCPServerRegistry
    let logger: Logger
    static let maxPages = 50

    /// The aggregated list: `tools`, `prompts`, `resources` or `resourceTemplates` (the result member named `member`).
    func list(_ method: String, member: String, servers: [MCPServerDefinition], caller: MCPCaller) async -> JSON {
        let access = MCPAccess(principal: caller.principal)
        let usable = servers.filter { access.refusal(for: $0) == nil }
        let lists = await withTaskGroup(of: (Int, [JSON]).self) { group in
            for (position, server) in usable.enumerated() {
                group.addTask { (position, await listOne(method, member: member, server: server, caller: caller, access: access)) }
            }
            var lists = [[JSON]](repeating: [], count: usable.count)
            for await (position, entries) in group { lists[position] = entries }
            return lists
        }
        return .object([member: .array(lists.flatMap { $0 })])
    }

    private func listOne(_ method: String, member: String, server: MCPServerDefinition, caller: MCPCaller, access: MCPAccess) async -> [JSON] {
        var entries: [JSON] = []
        var cursor: String?
        do {
            let connection = await registry.connection(to: server)
            for _ in 0..<Self.maxPages {
                let params: JSON? = cursor.map { ["cursor": .string($0)] }
                let answer = try await connection.send(method: method, params: params, headers: caller.forwardedHeaders(for: server))
                guard let result = answer["result"] else {
                    // A server without prompts or resources answers method-not-found: it simply has none.
                    if answer["error"]?["code"]?.intValue != -32601 {
                        logger.warning("MCP server refused a list", metadata: ["mcp_server": .string(server.name), "method": .string(method)])
                    }
                    return entries
                }
                entries += (result[member]?.arrayValue ?? []).compactMap { rename($0, method: method, server: server, access: access) }
                guard let next = result["nextCursor"]?.stringValue, !next.isEmpty else { break }
                cursor = next
            }
        } catch {
            logger.warning(
                "MCP server left out of a list", metadata: ["mcp_server": .string(server.name), "method": .string(method), "error": "\(error)"])
        }
        if method == "resources/list" { await registry.noteResources(entries.compactMap { $0["uri"]?.stringValue }, server: server.name) }
        return entries
    }

    /// A tool or prompt under its namespaced name (nil when the caller may not call that tool); resources keep their
    /// URIs, which are already global, and get the server's name as a prefix of their display name.
    private func rename(_ entry: JSON, method: String, server: MCPServerDefinition, access: MCPAccess) -> JSON? {
        var renamed = entry
        guard let name = entry["name"]?.stringValue else { return method.hasPrefix("resources") ? entry : nil }
        if method == "tools/list", access.refusal(for: server, tool: name) != nil { return nil }
        renamed["name"] = .string(MCPNames.namespaced(server: server.name, name: name))
        return renamed
    }
}
