public import GatewayCore

/// Stored responses in the gateway's entity store (SQLite or Postgres, so every instance sees them), with the
/// ownership rule applied: a response another key created reads as absent (a 404, not a 403, so ids are not probed).
///
/// Without a storage plugin nothing is stored: responses answer with `store: false`, and `previous_response_id`,
/// `GET`, `DELETE` and `input_items` answer 404.
public struct ResponsesStore: Sendable {
    let entities: (any EntityStore)?

    /// - Parameter entities: the gateway's store, if a storage plugin is enabled.
    public init(_ entities: (any EntityStore)?) {
        self.entities = entities
    }

    /// Whether responses can be stored at all.
    public var isAvailable: Bool { entities != nil }

    /// The stored response `id`, when it exists and `principal` may see it.
    /// - Throws: the store's errors (the pipeline renders an outage as 503).
    public func load(_ id: String, for principal: Principal) async throws -> StoredResponse? {
        guard case .visible(let stored) = try await lookup(id, for: principal) else { return nil }
        return stored
    }

    /// What the store holds under `id` for `principal`.
    public enum Lookup: Sendable {
        /// Stored, and `principal` may see it.
        case visible(StoredResponse)
        /// Stored, for another key or team.
        case hidden
        /// Not stored (or no store).
        case absent
    }

    /// The stored response `id` as `principal` sees it: telling one stored for someone else from one never stored.
    public func lookup(_ id: String, for principal: Principal) async throws -> Lookup {
        guard let entities, !id.isEmpty, id.utf8.count <= ResponsesIDs.maxLength else { return .absent }
        guard let document = try await entities.entity(.response, id: id), let stored = StoredResponse(document: document) else { return .absent }
        return stored.isVisible(to: principal) ? .visible(stored) : .hidden
    }

    /// The stored response, or a 404 in OpenAI's shape naming `param`.
    public func require(_ id: String, for principal: Principal, param: String? = nil) async throws -> StoredResponse {
        guard let stored = try await load(id, for: principal) else { throw Self.notFound(id, param: param) }
        return stored
    }

    /// Stores a new response. Its audit row names it and its creator only: the conversation is not copied there.
    public func save(_ stored: StoredResponse, by principal: Principal) async throws {
        guard let entities else { return }
        let audit = AuditLogEntry(by: principal, .created, objectType: EntityKind.response.rawValue, objectID: stored.id, before: nil, after: nil)
        try await entities.insertEntity(.response, id: stored.id, document: stored.document, audit: audit)
    }

    /// Deletes a response `principal` may see. - Throws: 404 when there is none.
    public func delete(_ id: String, for principal: Principal) async throws {
        _ = try await require(id, for: principal)
        let audit = AuditLogEntry(by: principal, .deleted, objectType: EntityKind.response.rawValue, objectID: id, before: nil, after: nil)
        guard try await entities?.deleteEntity(.response, id: id, audit: audit) == true else { throw Self.notFound(id, param: nil) }
    }

    /// OpenAI's 404 for an unknown response.
    public static func notFound(_ id: String, param: String?) -> GatewayError {
        let shown = id.utf8.count <= ResponsesIDs.maxLength ? id : String(id.prefix(ResponsesIDs.maxLength)) + "…"
        return GatewayError.notFound("Response with id '\(shown)' not found.", param: param)
    }
}
