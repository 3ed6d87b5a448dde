/// Management objects (teams, users, organizations, projects, end users, access groups, API-managed models) stored as JSON
/// documents by kind and id, with the references they hold indexed for listing.
///
/// Every write takes the audit row that describes it and stores both in one transaction: an acknowledged
/// change always has its audit row, and an audit row never describes a change that did not happen.
/// Typed access (``EntityStore/team(id:)`` and so on) is in `EntityStore+Typed.swift`.
public protocol EntityStore: Sendable {
    /// Inserts a new object. - Throws: ``StoreError/conflict(_:)`` when `kind`/`id` exists.
    func insertEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws
    /// Replaces an object. - Throws: ``StoreError/notFound(_:)`` when absent.
    func updateEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws
    /// Changes an object from its current version, in one transaction that holds it: reads it (nil when absent), lets
    /// `change` compute the next version, and stores that (inserted when absent) with the audit row `audit` builds
    /// from both. Concurrent changes of one object apply one after the other, none lost; two callers that both find
    /// it absent do not fail (the second sees the first's insert and changes that).
    /// - Parameters:
    ///   - change: the next version from the current one, or nil to leave the object as it is (nothing is written).
    ///   - audit: the audit row for a write, from the version before (nil: created) and after.
    /// - Returns: the version stored, or nil when `change` wrote nothing.
    func changeEntity(
        _ kind: EntityKind, id: String, change: @escaping @Sendable (JSON?) throws -> JSON?,
        audit: @escaping @Sendable (_ before: JSON?, _ after: JSON) -> AuditLogEntry
    ) async throws -> JSON?
    /// Deletes an object. - Returns: whether it existed (no audit row is written when it did not).
    func deleteEntity(_ kind: EntityKind, id: String, audit: AuditLogEntry) async throws -> Bool
    /// One object's document, or nil.
    func entity(_ kind: EntityKind, id: String) async throws -> JSON?
    /// Objects of a kind ordered by id, optionally only those whose document has `reference` equal to a value.
    func listEntities(_ kind: EntityKind, where reference: EntityReference?, limit: Int, offset: Int) async throws -> [JSON]
    /// How many objects ``listEntities(_:where:limit:offset:)`` would list without a limit.
    func countEntities(_ kind: EntityKind, where reference: EntityReference?) async throws -> Int
}

/// The kinds of management objects.
public enum EntityKind: String, Sendable, Hashable, CaseIterable {
    case team, user, organization, project
    case endUser = "end_user"
    case accessGroup = "access_group"
    /// A model added through `/model/new` (config.yaml's models are not stored).
    case model
    /// A stored `/v1/responses` response with the conversation it ends (the OpenAIResponses dialect), by response id.
    case response
    /// A shared budget object (`/budget/*`), referenced by `budget_id` from end users and team and organization members.
    case budget
    /// An MCP server added through `/v1/mcp/server` (config.yaml's `mcp_servers` are not stored), by server id.
    case mcpServer = "mcp_server"
}

/// A filter on a reference field every store indexes: `team_id`, `user_id` or `organization_id` of the document.
public struct EntityReference: Sendable, Hashable {
    /// The raw value is also the column name every store indexes it under.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case teamID = "team_id"
        case userID = "user_id"
        case organizationID = "organization_id"
    }

    public var field: Field
    public var value: String

    public init(_ field: Field, _ value: String) {
        self.field = field
        self.value = value
    }
}

/// The audit log of management writes, readable by admins.
public protocol AuditLogStore: Sendable {
    /// Appends a row outside an entity write (e.g. for a key change).
    func appendAuditLog(_ entry: AuditLogEntry) async throws
    /// Rows, newest first (equal timestamps by id, descending, in byte order), optionally for one object type and id.
    func auditLogs(objectType: String?, objectID: String?, limit: Int) async throws -> [AuditLogEntry]
}
