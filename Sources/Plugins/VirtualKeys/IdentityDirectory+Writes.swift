import Foundation
import GatewayCore

/// Audited writes and fresh reads for the management routes (`/team/*`, `/user/*`, ...).
///
/// Each write stores the object and its audit row in one transaction (``EntityStore``), then drops the
/// object's cache entry, so the request path in this process sees the change at once.
extension IdentityDirectory {
    /// The object as stored now (not from the cache: a write must start from the latest version).
    /// - Returns: the decoded record and its document.
    /// - Throws: 404 naming `label` when absent.
    func load<Record: Decodable>(_ type: Record.Type, _ kind: EntityKind, id: String, label: String) async throws -> (Record, JSON) {
        guard let document = try await store.entity(kind, id: id) else { throw GatewayError.notFound("\(label) '\(id)' does not exist.") }
        return (try document.decode(Record.self), document)
    }

    /// Whether an object exists (fresh read).
    func exists(_ kind: EntityKind, id: String) async throws -> Bool {
        try await store.entity(kind, id: id) != nil
    }

    /// Inserts a new object with a `created` audit row. - Throws: 400 `already_exists` when the id is taken.
    func create(_ kind: EntityKind, id: String, record: some Encodable, by principal: Principal, label: String) async throws -> JSON {
        let document = try JSON(encoding: record)
        try await ManagementSupport.storeWrite("\(label) '\(id)'") {
            try await store.insertEntity(
                kind, id: id, document: document,
                audit: AuditLogEntry(by: principal, .created, objectType: kind.rawValue, objectID: id, before: nil, after: document))
        }
        invalidate(kind, id: id)
        return document
    }

    /// Replaces an object, stamping its `updated_at` now, with an `updated` audit row holding both versions.
    /// - Throws: 404 when it is gone.
    func replace(_ kind: EntityKind, id: String, before: JSON, record: some Encodable, by principal: Principal, label: String) async throws -> JSON {
        var document = try JSON(encoding: record)
        document["updated_at"] = .double(ManagementSupport.now)
        try await ManagementSupport.storeWrite("\(label) '\(id)'") {
            try await store.updateEntity(
                kind, id: id, document: document,
                audit: AuditLogEntry(by: principal, .updated, objectType: kind.rawValue, objectID: id, before: before, after: document))
        }
        invalidate(kind, id: id)
        return document
    }

    /// Deletes an object with a `deleted` audit row. - Throws: 404 when it did not exist.
    func remove(_ kind: EntityKind, id: String, before: JSON?, by principal: Principal, label: String) async throws {
        let existed = try await store.deleteEntity(
            kind, id: id, audit: AuditLogEntry(by: principal, .deleted, objectType: kind.rawValue, objectID: id, before: before, after: nil))
        invalidate(kind, id: id)
        if !existed { throw GatewayError.notFound("\(label) '\(id)' does not exist.") }
    }

    /// Deletes every object named in the body's `field` (`team_ids`, `user_ids`, ...), after checking that all exist,
    /// so a typo deletes nothing. - Returns: the ids deleted.
    func removeAll(_ kind: EntityKind, field: String, in body: JSON, by principal: Principal, label: String) async throws -> [String] {
        let ids = try Self.idList(field, in: body)
        var documents: [JSON] = []
        for id in ids {
            guard let document = try await store.entity(kind, id: id) else { throw GatewayError.notFound("\(label) '\(id)' does not exist.") }
            documents.append(document)
        }
        for (id, document) in zip(ids, documents) { try await remove(kind, id: id, before: document, by: principal, label: label) }
        return ids
    }

    /// Every object of a kind (optionally with a reference), decoded.
    func all<Record: Decodable>(_ type: Record.Type, _ kind: EntityKind, where reference: EntityReference? = nil) async throws -> [Record] {
        try await store.listEntities(kind, where: reference, limit: 100_000, offset: 0).map { try $0.decode(Record.self) }
    }

    /// A record built from `base` (defaults, or the stored document) with the body's `fields` laid over it, then
    /// decoded: only given fields change.
    /// - Throws: 400 naming a field of the wrong type, a money, limit or duration field of the body out of its
    ///   ``InputRange``, or a metadata list of the wrong shape (``MetadataRules``).
    static func overlay<Record: Decodable>(_ type: Record.Type, base: JSON, body: JSON, fields: Set<String>) throws -> Record {
        // The body's fields only: a stored value out of range (from an older build) must not block other changes.
        try ManagementSupport.checkRanges(body, only: fields)
        var document = base
        for (name, value) in body.objectValue ?? [:] where fields.contains(name) { document[name] = value }
        try MetadataRules.check(document["metadata"])
        return try ManagementSupport.decode(Record.self, from: document)
    }

    /// A new id: the given one, or a lowercase UUID.
    /// - Throws: 400 when the given id is not a string.
    static func newID(_ field: String, in body: JSON) throws -> String {
        guard let value = body[field], !value.isNull else { return UUID().uuidString.lowercased() }
        guard let id = value.stringValue else { throw GatewayError.badRequest("Invalid request: \(field) must be a string.", param: field) }
        return id.isEmpty ? UUID().uuidString.lowercased() : id
    }

    /// A required list of ids (`{"team_ids": ["a", "b"]}`). - Throws: 400 naming the field.
    static func idList(_ field: String, in body: JSON) throws -> [String] {
        guard let value = body[field], !value.isNull else { throw GatewayError.badRequest("The '\(field)' field is required.", param: field) }
        let ids = value.arrayValue?.compactMap(\.stringValue) ?? []
        guard let array = value.arrayValue, !array.isEmpty, ids.count == array.count else {
            throw GatewayError.badRequest("Invalid request: \(field) must be a non-empty list of strings.", param: field)
        }
        return ids
    }
}
