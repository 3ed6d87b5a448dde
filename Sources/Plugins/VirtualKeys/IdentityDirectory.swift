import Foundation
import GatewayCore
import Logging

/// The plugin's view of the store: cached reads for the request path, audited writes for the management API.
///
/// Reads go through TTL caches (a miss costs one store lookup; unknown keys are cached too, so a flood of bad
/// keys cannot reach the database). Every write goes through this type and invalidates what it changed.
final class IdentityDirectory: Sendable {
    let store: any GatewayStore
    /// The live models, for access checks and model lists.
    let models: ModelDirectory
    let membership: AccessGroupMembership
    let logger: Logger
    private let keys: TTLCache<String, CachedKey>
    private let entities: TTLCache<EntityCacheKey, CachedEntity>

    /// A cached key lookup; `nil` record means "no such key" (negative entry).
    struct CachedKey: Sendable { let record: VirtualKeyRecord? }
    /// The stored document and, decoded once when it was read, the record the request path asked for (each kind
    /// is read as one record type; decoding a team per request was a measurable part of a request's cost).
    struct CachedEntity: Sendable {
        let document: JSON?
        let decoded: (any Sendable)?
    }
    struct EntityCacheKey: Hashable, Sendable {
        let kind: EntityKind
        let id: String
    }

    init(store: any GatewayStore, models: ModelDirectory, ttl: Duration, maxCachedKeys: Int, logger: Logger) {
        self.store = store
        self.models = models
        self.logger = logger
        self.keys = TTLCache(ttl: ttl, maxEntries: maxCachedKeys)
        self.entities = TTLCache(ttl: ttl, maxEntries: maxCachedKeys)
        let membership = AccessGroupMembership(
            deployments: models.catalog.deployments, ttl: ttl, loadGroups: { [store] in try await Self.loadAccessGroups(store) },
            onLoadFailure: { [logger] error in
                logger.error("access groups could not be read; using config groups only", metadata: ["error": "\(error)"])
            })
        // Models' `access_groups` define groups too: a model added or deleted at runtime changes them at once.
        models.observe { membership.updateDeployments($0.deployments) }
        self.membership = membership
    }

    private static func loadAccessGroups(_ store: any GatewayStore) async throws -> [AccessGroupRecord] {
        try await store.listEntities(.accessGroup, where: nil, limit: 100_000, offset: 0).map { try $0.decode(AccessGroupRecord.self) }
    }

    // MARK: Reads (request path)

    /// The key with this hash, from the cache or one store lookup.
    func key(hash: String) async throws -> VirtualKeyRecord? {
        if let cached = keys.get(hash) { return cached.record }
        let record = try await store.key(hash: hash)
        keys.set(hash, CachedKey(record: record))
        return record
    }

    /// A management object, from the cache or one store lookup.
    func entity<Record: Decodable & Sendable>(_ type: Record.Type, _ kind: EntityKind, id: String) async throws -> Record? {
        let cacheKey = EntityCacheKey(kind: kind, id: id)
        if let cached = entities.get(cacheKey) {
            if let record = cached.decoded as? Record { return record }
            return try cached.document.map { try $0.decode(Record.self) }
        }
        let document = try await store.entity(kind, id: id)
        let record = try document.map { try $0.decode(Record.self) }
        entities.set(cacheKey, CachedEntity(document: document, decoded: record))
        return record
    }

    // MARK: Invalidation (every write)

    func invalidateKey(hash: String) { keys.invalidate(hash) }

    func invalidate(_ kind: EntityKind, id: String) {
        entities.invalidate(EntityCacheKey(kind: kind, id: id))
        if kind == .accessGroup { membership.invalidate() }
    }
}
