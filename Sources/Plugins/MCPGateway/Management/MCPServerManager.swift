import Foundation
import GatewayCore
import Logging

/// The MCP servers managed through the API: stored as ``EntityKind/mcpServer`` documents (secrets encrypted, an audit
/// row per write, in one transaction), and applied to the ``MCPServerRegistry`` at once.
///
/// Other instances on the same Postgres database pick a change up when its notification arrives (``reload()`` through
/// `ReloadOnChange`), and on the plugin's refresh interval in case one was missed. A reload that overlaps a write in
/// this process is dropped (the write's own notification brings another), as in model management.
actor MCPServerManager {
    let store: any GatewayStore
    let cipher: CredentialCipher
    let registry: MCPServerRegistry
    private let logger: Logger
    private var generation = 0

    init(store: any GatewayStore, cipher: CredentialCipher, registry: MCPServerRegistry, logger: Logger) {
        self.store = store
        self.cipher = cipher
        self.registry = registry
        self.logger = logger
    }

    /// Reads every stored server into the registry; one that cannot be read (another encryption key) is left out and
    /// logged by id.
    func reload() async throws {
        let started = generation
        let documents = try await store.listEntities(.mcpServer, where: nil, limit: Int(Int32.max), offset: 0)
        var servers: [MCPServerDefinition] = []
        for document in documents {
            do {
                servers.append(try MCPServerDefinition(stored: document, cipher: cipher))
            } catch {
                logger.error(
                    "stored MCP server left out", metadata: ["server_id": .string(document["server_id"]?.stringValue ?? "?"), "error": "\(error)"])
            }
        }
        guard generation == started else { return }
        await registry.replaceStored(servers)
    }

    /// A stored server by id.
    /// - Throws: 400 for a config.yaml server, 404 when unknown.
    func stored(id: String) async throws -> MCPServerDefinition {
        if let server = await registry.server(id: id), server.fromConfig {
            throw GatewayError.badRequest(
                "The MCP server '\(id)' is defined in config.yaml and cannot be changed through the API.", param: "server_id",
                code: "config_mcp_server_not_editable")
        }
        guard let document = try await store.entity(.mcpServer, id: id) else {
            throw GatewayError.notFound("The MCP server '\(id)' does not exist.", param: "server_id", code: "mcp_server_not_found")
        }
        return try MCPServerDefinition(stored: document, cipher: cipher)
    }

    func create(_ server: MCPServerDefinition, by principal: Principal) async throws -> JSON {
        if await registry.server(named: server.name) != nil {
            throw GatewayError.badRequest("An MCP server named '\(server.name)' already exists.", param: "server_name", code: "already_exists")
        }
        generation += 1
        defer { generation += 1 }
        do {
            try await store.insertEntity(
                .mcpServer, id: server.id, document: try server.storedDocument(cipher: cipher),
                audit: AuditLogEntry(
                    by: principal, .created, objectType: EntityKind.mcpServer.rawValue, objectID: server.id, before: nil, after: server.publicView))
        } catch let error as StoreError where error.isConflict {
            throw GatewayError.badRequest("An MCP server with the id '\(server.id)' already exists.", param: "server_id", code: "already_exists")
        }
        try await applyStored()
        return server.publicView
    }

    func replace(_ before: MCPServerDefinition, with after: MCPServerDefinition, by principal: Principal) async throws -> JSON {
        if after.name != before.name, await registry.server(named: after.name) != nil {
            throw GatewayError.badRequest("An MCP server named '\(after.name)' already exists.", param: "server_name", code: "already_exists")
        }
        generation += 1
        defer { generation += 1 }
        do {
            try await store.updateEntity(
                .mcpServer, id: after.id, document: try after.storedDocument(cipher: cipher),
                audit: AuditLogEntry(
                    by: principal, .updated, objectType: EntityKind.mcpServer.rawValue, objectID: after.id, before: before.publicView,
                    after: after.publicView))
        } catch let error as StoreError where error.isNotFound {
            throw GatewayError.notFound("The MCP server '\(after.id)' does not exist.", param: "server_id", code: "mcp_server_not_found")
        }
        try await applyStored()
        return after.publicView
    }

    func delete(_ server: MCPServerDefinition, by principal: Principal) async throws {
        generation += 1
        defer { generation += 1 }
        let existed = try await store.deleteEntity(
            .mcpServer, id: server.id,
            audit: AuditLogEntry(
                by: principal, .deleted, objectType: EntityKind.mcpServer.rawValue, objectID: server.id, before: server.publicView, after: nil))
        try await applyStored()
        if !existed { throw GatewayError.notFound("The MCP server '\(server.id)' does not exist.", param: "server_id", code: "mcp_server_not_found") }
    }

    /// Applies the store's servers after this process's own write (a reload that ignores the generation).
    private func applyStored() async throws {
        let documents = try await store.listEntities(.mcpServer, where: nil, limit: Int(Int32.max), offset: 0)
        await registry.replaceStored(documents.compactMap { try? MCPServerDefinition(stored: $0, cipher: cipher) })
    }
}
