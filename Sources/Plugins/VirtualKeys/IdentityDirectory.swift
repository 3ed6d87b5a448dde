import Foundation
import GatewayCore
import Logging

/// The plugin's view of the store: cached reads for the request path, audited writes for the management API.
///
/// Reads go through TTL caches (a miss costs one store lookup; unknown keys are cached too, so a flood of bad
/// keys cannot reach the database). Every write goes through this type and invalidates what it changed; what other
/// gateway instances change arrives through the store's change feed (`IdentityDirectory+Changes.swift`).
///
/// When the store cannot be reached, the request path keeps going on what it knows (stale-on-error): an expired
/// entry whose refresh fails with ``StoreError/unavailable(_:)`` is served as it was, and kept for another
/// ``staleRetry`` before the store is asked again. This is safe because nothing can change a key while its store
/// is down; what another instance changed just before the outage is seen once the store is back. A lookup with
/// nothing cached fails with the store's error (503 `storage_unavailable`, never a 401). For a database server
/// (a store that ``GatewayStore/connectsInBackground``), whose pool may queue a lookup while the server is gone,
/// that happens within ``storeDeadline`` seconds; a file store answers or fails by itself (SQLite's busy timeout).
final class IdentityDirectory: Sendable {
    let store: any GatewayStore
    /// The live models, for access checks and model lists.
    let models: ModelDirectory
    let membership: AccessGroupMembership
    let logger: Logger
    private let keys: TTLCache<String, CachedKey>
    private let entities: TTLCache<EntityCacheKey, CachedEntity>

    /// The longest a request waits for a database server's lookup before it is answered 503. A database that refuses
    /// connections is noticed by the store within about 3 s, which then fails lookups at once; this bounds the wait
    /// on one that stops answering, and stays well past a lookup's milliseconds on a machine under heavy load.
    static let storeDeadline = 10.0
    /// How long a stale entry is served before the store is asked again, while it cannot be reached.
    static let staleRetry = Duration.seconds(1)

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
        // What `/v1/models?only_model_access_groups=true` lists from: database groups included.
        models.setAccessGroupSource { await membership.graph() }
        self.membership = membership
        store.changes.observe { [weak self] change in self?.apply(change) }
    }

    /// The database's access groups (requests wait for this load).
    private static func loadAccessGroups(_ store: any GatewayStore) async throws -> [AccessGroupRecord] {
        try await bounded(store) {
            try await store.listEntities(.accessGroup, where: nil, limit: 100_000, offset: 0).map { try $0.decode(AccessGroupRecord.self) }
        }
    }

    /// `call`, within ``storeDeadline`` when the store is a database server.
    private static func bounded<Result: Sendable>(
        _ store: any GatewayStore, _ call: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        guard store.connectsInBackground else { return try await call() }
        return try await withStoreDeadline(seconds: storeDeadline, call)
    }

    // MARK: Reads (request path)

    /// The key with this hash, from the cache or one store lookup.
    /// - Throws: ``StoreError/unavailable(_:)`` when the store cannot be reached and nothing is cached.
    func key(hash: String) async throws -> VirtualKeyRecord? {
        try await read(keys, hash) { [store, logger] in
            CachedKey(record: try await store.key(hash: hash).map { Self.clamped($0, "key", id: String(hash.prefix(12)), logger: logger) })
        }.record
    }

    /// A management object, from the cache or one store lookup.
    /// - Throws: ``StoreError/unavailable(_:)`` when the store cannot be reached and nothing is cached.
    func entity<Record: Decodable & Sendable>(_ type: Record.Type, _ kind: EntityKind, id: String) async throws -> Record? {
        let cached = try await read(entities, EntityCacheKey(kind: kind, id: id)) { [store, logger] in
            let document = try await store.entity(kind, id: id)
            return CachedEntity(
                document: document, decoded: try document.map { Self.clamped(try $0.decode(Record.self), kind.rawValue, id: id, logger: logger) })
        }
        if let record = cached.decoded as? Record { return record }
        return try cached.document.map { Self.clamped(try $0.decode(Record.self), kind.rawValue, id: id, logger: nil) }
    }

    /// A stored record with its numbers brought into their ``InputRange`` (``RangeClamped``); what was clamped is
    /// logged once per read from the store (a row from an older build, before the ranges were checked).
    private static func clamped<Record>(_ record: Record, _ kind: String, id: String, logger: Logger?) -> Record {
        guard let clamping = record as? any RangeClamped else { return record }
        func clamp<Clamping: RangeClamped>(_ value: Clamping) -> (Any, [String]) {
            let (clamped, fields) = value.clampedToRanges()
            return (clamped, fields)
        }
        let (result, fields) = clamp(clamping)
        guard !fields.isEmpty, let clamped = result as? Record else { return record }
        logger?.warning(
            "stored value out of range; clamped",
            metadata: ["kind": .string(kind), "id": .string(id), "fields": .string(fields.joined(separator: ","))])
        return clamped
    }

    /// A cached value; on a miss or an expired entry, `load` (within ``storeDeadline`` for a database server),
    /// cached. An expired entry is served (and kept ``staleRetry`` longer) when the store is unavailable.
    private func read<Key, Value>(
        _ cache: TTLCache<Key, Value>, _ key: Key, load: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let stale: Value?
        switch cache.lookup(key) {
        case .fresh(let value): return value
        case .stale(let value): stale = value
        case .missing: stale = nil
        }
        do {
            // A change notified while a load runs may not be in what it read: such a value is not cached, and the
            // store is read once more, after the change (served uncached if that read meets another one).
            var value: Value
            var attempts = 0
            repeat {
                let invalidations = cache.invalidations
                value = try await Self.bounded(store, load)
                attempts += 1
                if cache.set(key, value, unlessInvalidatedSince: invalidations) { break }
            } while attempts < 2
            return value
        } catch let error as StoreError where error.isUnavailable {
            guard let stale else { throw error }
            cache.set(key, stale, ttl: Self.staleRetry)
            return stale
        }
    }

    // MARK: Invalidation (every write)

    func invalidateKey(hash: String) { keys.invalidate(hash) }

    func invalidate(_ kind: EntityKind, id: String) {
        entities.invalidate(EntityCacheKey(kind: kind, id: id))
        if kind == .accessGroup { membership.invalidate() }
    }

    /// Drops every cached key, object and access group (changes may have been missed).
    func invalidateAll() {
        keys.invalidateAll()
        entities.invalidateAll()
        membership.invalidate()
    }
}
