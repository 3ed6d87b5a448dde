/// Virtual keys, looked up by the SHA-256 of the key. The plain key is never stored.
///
/// A write may carry the audit row that describes it; the store writes both in one transaction.
public protocol KeyStore: Sendable {
    /// Inserts a key. - Throws: ``StoreError/conflict(_:)`` when the hash already exists.
    func insertKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws
    /// The key with this hash, or nil.
    func key(hash: String) async throws -> VirtualKeyRecord?
    /// Replaces a stored key. - Throws: ``StoreError/notFound(_:)`` when absent.
    func updateKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws
    /// Deletes a key. - Returns: whether it existed (no audit row is written when it did not).
    func deleteKey(hash: String, audit: AuditLogEntry?) async throws -> Bool
    /// Keys ordered by creation time, oldest first; optionally only a team's or a user's
    /// (`reference` on `team_id` or `user_id`).
    /// - Throws: ``StoreError/unsupported(_:)`` for any other reference field (a key's organization is in its
    ///   settings document, which no store indexes).
    func listKeys(where reference: EntityReference?, limit: Int, offset: Int) async throws -> [VirtualKeyRecord]
    /// How many keys ``listKeys(where:limit:offset:)`` would list without a limit.
    /// - Throws: ``StoreError/unsupported(_:)`` for the same filters `listKeys` refuses.
    func countKeys(where reference: EntityReference?) async throws -> Int
    /// The keys whose `key_alias` is `alias`, oldest first (the management API keeps aliases unique, so at most
    /// one unless older data holds duplicates).
    func keys(alias: String) async throws -> [VirtualKeyRecord]
}

extension KeyStore {
    public func insertKey(_ key: VirtualKeyRecord) async throws { try await insertKey(key, audit: nil) }
    public func updateKey(_ key: VirtualKeyRecord) async throws { try await updateKey(key, audit: nil) }
    public func deleteKey(hash: String) async throws -> Bool { try await deleteKey(hash: hash, audit: nil) }
    public func listKeys(limit: Int, offset: Int) async throws -> [VirtualKeyRecord] {
        try await listKeys(where: nil, limit: limit, offset: offset)
    }
}
