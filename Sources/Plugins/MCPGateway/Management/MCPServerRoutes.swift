import Foundation
import GatewayCore

/// LiteLLM's MCP server management API:
///
/// - `POST /v1/mcp/server`: adds a server (LiteLLM's fields, `MCPServerDefinition+Parsing.swift`); its credentials are
///   encrypted before they are stored; it is served at once, here and on every instance sharing the store.
/// - `PUT /v1/mcp/server`: changes the server named by `server_id`; only the given fields change, and a secret sent
///   back masked (`****`) keeps its stored value.
/// - `GET /v1/mcp/server`, `GET /v1/mcp/server/{server_id}`: the servers (config.yaml's too), secrets masked.
/// - `DELETE /v1/mcp/server/{server_id}`: removes a stored server (and stops its child process).
///
/// Writes are for proxy admins (a server can be a command the gateway runs); reads for admins and admin viewers.
/// config.yaml's servers are read-only here (400).
struct MCPServerRoutes {
    let manager: MCPServerManager
    let registry: MCPServerRegistry

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/v1/mcp/server", access: .admin, handler: create),
            AdminRoute(.put, "/v1/mcp/server", access: .admin, handler: update),
            AdminRoute(.get, "/v1/mcp/server", access: .adminOrViewer) { _ in
                .array(await registry.all.map(\.publicView))
            },
            AdminRoute(.get, "/v1/mcp/server/{server_id}", access: .adminOrViewer) { request in
                let id = request.parameters["server_id"] ?? ""
                var found = await registry.server(id: id)
                if found == nil { found = await registry.server(named: id) }
                guard let server = found else {
                    throw GatewayError.notFound("The MCP server '\(id)' does not exist.", param: "server_id", code: "mcp_server_not_found")
                }
                return server.publicView
            },
            AdminRoute(.delete, "/v1/mcp/server/{server_id}", access: .admin) { request in
                let id = request.parameters["server_id"] ?? ""
                try await manager.delete(try await manager.stored(id: id), by: request.principal)
                return ["message": .string("MCP server deleted: \(id)"), "server_id": .string(id)]
            },
        ]
    }

    /// Without a store: the list and info routes over config.yaml's servers.
    static func readOnlyRoutes(registry: MCPServerRegistry) -> [AdminRoute] {
        [
            AdminRoute(.get, "/v1/mcp/server", access: .adminOrViewer) { _ in .array(await registry.all.map(\.publicView)) }
        ]
    }

    private func create(_ request: AdminRequest) async throws -> JSON {
        let server = try Self.parse(request.body, id: UUID().uuidString.lowercased())
        return try await manager.create(server, by: request.principal)
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        guard let id = request.body["server_id"]?.stringValue, !id.isEmpty else {
            throw GatewayError.badRequest("The 'server_id' field names the MCP server to change.", param: "server_id")
        }
        let before = try await manager.stored(id: id)
        var fields = before.fields { $0 }
        for (key, value) in request.body.objectValue ?? [:] {
            fields[key] = Self.keepingMaskedSecrets(value, stored: fields[key])
        }
        fields["alias"] = nil
        if request.body["alias"] != nil, request.body["server_name"] == nil { fields["server_name"] = request.body["alias"] }
        let after = try Self.parse(fields, id: id)
        guard after.id == before.id else { throw GatewayError.badRequest("'server_id' cannot be changed.", param: "server_id") }
        return try await manager.replace(before, with: after, by: request.principal)
    }

    /// A value sent back as the API showed it (`****`, or a mapping of them) keeps what is stored.
    private static func keepingMaskedSecrets(_ value: JSON, stored: JSON?) -> JSON {
        if value.stringValue == MCPServerDefinition.mask, let stored { return stored }
        guard var object = value.objectValue else { return value }
        for (key, entry) in object where entry.stringValue == MCPServerDefinition.mask {
            object[key] = stored?[key] ?? entry
        }
        return .object(object)
    }

    private static func parse(_ body: JSON, id: String) throws -> MCPServerDefinition {
        do {
            return try MCPServerDefinition(parsing: body, name: nil, id: id)
        } catch let error as ConfigError {
            throw GatewayError.badRequest("Invalid MCP server: \(error.message).", param: error.field, code: "invalid_mcp_server")
        }
    }
}
