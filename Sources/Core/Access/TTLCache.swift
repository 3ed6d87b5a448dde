import Synchronization

/// An in-memory cache whose entries expire a fixed time after they were stored, safe to share between tasks.
///
/// Time is passed in by the caller (`now:`), so tests move the clock by hand and production passes
/// `ContinuousClock.now`. A hit takes the lock, compares one instant and returns the value: no allocation.
/// With `maxEntries`, storing a new key into a full cache evicts the entry stored longest ago.
///
/// For stale-on-error, ``lookup(_:now:)`` also returns an expired entry (kept until it is replaced, invalidated
/// or evicted): the caller refreshes it, and serves the old value when the store cannot answer.
///
/// ```swift
/// let cache = TTLCache<String, TeamRecord>(ttl: .seconds(60), maxEntries: 10_000)
/// cache.set("team-a", team, now: .now)
/// let hit = cache.get("team-a", now: .now)   // team, until 60 s have passed
/// cache.invalidate("team-a")                 // after every write to team-a
/// ```
public final class TTLCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// What the cache has done since it was created; for tests and metrics.
    public struct Statistics: Sendable, Hashable {
        /// Lookups that found a live entry.
        public var hits = 0
        /// Lookups that found nothing, or an expired entry.
        public var misses = 0
        /// Entries dropped because their time was up (counted when a lookup finds them).
        public var expirations = 0
        /// Entries dropped to stay within `maxEntries`.
        public var evictions = 0
        /// Calls of ``TTLCache/invalidate(_:)`` and ``TTLCache/invalidateAll()``.
        public var invalidations = 0
        /// Lookups (``TTLCache/lookup(_:now:)``) that found an expired entry and returned it as stale.
        public var staleHits = 0
    }

    /// What ``TTLCache/lookup(_:now:)`` found.
    public enum Lookup: Sendable {
        /// A live entry.
        case fresh(Value)
        /// An expired entry: refresh it, and use it only when the refresh cannot be made.
        case stale(Value)
        /// Nothing stored (or invalidated, or evicted).
        case missing
    }

    private struct Entry {
        var value: Value
        var expiresAt: ContinuousClock.Instant
        /// Insertion sequence number: an entry in `order` is current only if its number matches this one.
        var sequence: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Keys in insertion order, oldest first from `head`; kept only when `maxEntries` is set. Replaced or
        /// invalidated entries leave stale items behind, recognised by their sequence number and skipped.
        var order: [(key: Key, sequence: UInt64)] = []
        var head = 0
        var nextSequence: UInt64 = 0
        /// Bumped by every invalidation (see ``TTLCache/invalidations``).
        var invalidations: UInt64 = 0
        /// The number of each key's latest invalidation, for the most recent ones (at most ``rememberedInvalidations``).
        var invalidatedAt: [Key: UInt64] = [:]
        /// The number of the latest ``TTLCache/invalidateAll()``.
        var allInvalidatedAt: UInt64 = 0
        /// Invalidations up to this number are forgotten: a load begun before it cannot be told apart from one that
        /// met an invalidation of its key.
        var forgottenUpTo: UInt64 = 0

        /// Whether `key` may have been invalidated after invalidation number `number`.
        func invalidated(_ key: Key, since number: UInt64) -> Bool {
            allInvalidatedAt > number || forgottenUpTo > number || (invalidatedAt[key] ?? 0) > number
        }
        var statistics = Statistics()
    }

    /// How long an entry stays valid after it was stored, unless ``set(_:_:now:ttl:)`` says otherwise.
    public let ttl: Duration
    /// The most entries kept at once; nil means no bound.
    public let maxEntries: Int?
    private let state = Mutex(State())

    /// Creates an empty cache.
    /// - Parameters:
    ///   - ttl: how long an entry stays valid after it was stored.
    ///   - maxEntries: the most entries kept at once (the oldest is evicted first); nil for no bound. Must be positive.
    public init(ttl: Duration, maxEntries: Int? = nil) {
        precondition(maxEntries.map { $0 > 0 } ?? true, "TTLCache maxEntries must be positive")
        self.ttl = ttl
        self.maxEntries = maxEntries
    }

    /// The value stored under `key`, or nil when there is none or it has expired (an expired entry is dropped).
    /// - Parameters:
    ///   - key: the key to look up.
    ///   - now: the current instant.
    /// - Returns: the cached value, or nil on a miss.
    public func get(_ key: Key, now: ContinuousClock.Instant = .now) -> Value? {
        state.withLock { state -> Value? in
            guard let entry = state.entries[key] else {
                state.statistics.misses += 1
                return nil
            }
            guard now < entry.expiresAt else {
                state.entries[key] = nil
                state.statistics.expirations += 1
                state.statistics.misses += 1
                return nil
            }
            state.statistics.hits += 1
            return entry.value
        }
    }

    /// The entry under `key`, live or expired; unlike ``get(_:now:)``, an expired entry is kept.
    /// - Parameters:
    ///   - key: the key to look up.
    ///   - now: the current instant.
    /// - Returns: `fresh`, `stale` (expired) or `missing`.
    public func lookup(_ key: Key, now: ContinuousClock.Instant = .now) -> Lookup {
        state.withLock { state -> Lookup in
            guard let entry = state.entries[key] else {
                state.statistics.misses += 1
                return .missing
            }
            guard now < entry.expiresAt else {
                state.statistics.staleHits += 1
                return .stale(entry.value)
            }
            state.statistics.hits += 1
            return .fresh(entry.value)
        }
    }

    /// Stores `value` under `key`, replacing any entry; in a full cache, evicts the oldest entry first.
    /// - Parameters:
    ///   - key: the key to store under.
    ///   - value: the value.
    ///   - now: the current instant; the entry expires at `now + ttl`.
    ///   - ttl: a lifetime for this entry only (e.g. a shorter one for a fallback value); nil uses the cache's.
    public func set(_ key: Key, _ value: Value, now: ContinuousClock.Instant = .now, ttl: Duration? = nil) {
        let expiresAt = now + (ttl ?? self.ttl)
        state.withLock { state in insert(key, value, expiresAt: expiresAt, into: &state) }
    }

    /// How many invalidations there have been. Read it before loading a value, and pass it to
    /// ``set(_:_:now:ttl:unlessInvalidatedSince:)``: a load that read the store before a write committed, and
    /// finished after the write's invalidation, must not cache what it read.
    public var invalidations: UInt64 { state.withLock { $0.invalidations } }

    /// How many per-key invalidations are remembered for ``set(_:_:now:ttl:unlessInvalidatedSince:)``; past it the
    /// older half is forgotten (and a load begun before them is not cached).
    static var rememberedInvalidations: Int { 4096 }

    /// Stores `value` unless `key` was invalidated (or everything was) since `invalidations` was read: the value
    /// may predate a change. Otherwise like ``set(_:_:now:ttl:)``.
    /// - Returns: whether it was stored.
    @discardableResult
    public func set(
        _ key: Key, _ value: Value, now: ContinuousClock.Instant = .now, ttl: Duration? = nil, unlessInvalidatedSince invalidations: UInt64
    ) -> Bool {
        let expiresAt = now + (ttl ?? self.ttl)
        return state.withLock { state in
            guard !state.invalidated(key, since: invalidations) else { return false }
            insert(key, value, expiresAt: expiresAt, into: &state)
            return true
        }
    }

    private func insert(_ key: Key, _ value: Value, expiresAt: ContinuousClock.Instant, into state: inout State) {
        let sequence = state.nextSequence
        state.nextSequence += 1
        let replaced = state.entries.updateValue(Entry(value: value, expiresAt: expiresAt, sequence: sequence), forKey: key) != nil
        guard let maxEntries else { return }
        state.order.append((key, sequence))
        if !replaced {
            while state.entries.count > maxEntries { Self.evictOldest(&state) }
        }
        Self.compactOrder(&state)
    }

    /// Drops the entry for `key`, if any. Call it after every write that changes what `key` stands for.
    /// - Parameter key: the key to drop.
    public func invalidate(_ key: Key) {
        state.withLock { state in
            state.entries[key] = nil
            state.invalidations += 1
            state.invalidatedAt[key] = state.invalidations
            if state.invalidatedAt.count > Self.rememberedInvalidations { Self.forgetOlderInvalidations(&state) }
            state.statistics.invalidations += 1
        }
    }

    /// Drops every entry.
    public func invalidateAll() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.order.removeAll(keepingCapacity: true)
            state.head = 0
            state.invalidations += 1
            state.allInvalidatedAt = state.invalidations
            state.invalidatedAt.removeAll()
            state.statistics.invalidations += 1
        }
    }

    /// The number of entries held, expired ones not yet looked up included.
    public var count: Int { state.withLock { $0.entries.count } }

    /// Hits, misses, expirations, evictions and invalidations so far.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Forgets the older half of the remembered invalidations.
    private static func forgetOlderInvalidations(_ state: inout State) {
        let numbers = state.invalidatedAt.values.sorted()
        let cut = numbers[numbers.count / 2]
        state.invalidatedAt = state.invalidatedAt.filter { $0.value > cut }
        state.forgottenUpTo = max(state.forgottenUpTo, cut)
    }

    /// Removes the entry stored longest ago, skipping stale items of `order`.
    private static func evictOldest(_ state: inout State) {
        while state.head < state.order.count {
            let candidate = state.order[state.head]
            state.head += 1
            if state.entries[candidate.key]?.sequence == candidate.sequence {
                state.entries[candidate.key] = nil
                state.statistics.evictions += 1
                return
            }
        }
    }

    /// Keeps `order` proportional to the live entries: drops the consumed prefix, and rebuilds it when stale
    /// items (from replaced or invalidated keys) outnumber live ones. Amortised O(1) per `set`.
    private static func compactOrder(_ state: inout State) {
        let pending = state.order.count - state.head
        if pending > 2 * state.entries.count + 32 {
            state.order = state.entries.map { (key: $0.key, sequence: $0.value.sequence) }.sorted { $0.sequence < $1.sequence }
            state.head = 0
        } else if state.head > 32, state.head * 2 > state.order.count {
            state.order.removeFirst(state.head)
            state.head = 0
        }
    }
}
