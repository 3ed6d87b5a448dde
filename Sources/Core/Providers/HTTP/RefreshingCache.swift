import Synchronization

/// Values that expire (access tokens, assumed credentials), cached per key and fetched again before they expire, one
/// fetch at a time per key.
///
/// A value is used until ``refreshMargin(lifetime:)`` before its expiry (five minutes, as Azure's, Google's and AWS's
/// client libraries do, or half the lifetime of a value that lives less than ten minutes); the next call then fetches
/// again. Calls that need a value while a fetch for the same key is under way wait for it instead of starting their
/// own (single flight), and the fetch runs in its own task, so a caller that goes away does not cancel it for the
/// others. A failed fetch is not cached (the next call tries again); while the previous value has not expired yet,
/// the callers of a failed refresh are given it instead of the error.
///
/// The clock is the owner's (`now`, in seconds on any fixed origin), so tests move time instead of waiting.
public final class RefreshingCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// One fetched value.
    public struct Entry: Sendable {
        public var value: Value
        /// When it stops being valid, on the cache's clock.
        public var expiresAt: Double
        /// When the next call fetches again.
        public var refreshAt: Double
    }

    private struct Slot {
        var entry: Entry?
        var pending: Task<Entry, any Error>?
    }

    private enum Lookup {
        case ready(Value)
        case wait(Task<Entry, any Error>)
    }

    /// Seconds on the cache's clock; fetches give expiries on it.
    public let now: @Sendable () -> Double
    private let slots = Mutex<[Key: Slot]>([:])

    /// - Parameter now: the clock values are checked against, in seconds from any fixed origin.
    public init(now: @escaping @Sendable () -> Double) {
        self.now = now
    }

    /// A valid value for `key`: the cached one, the one a fetch under way brings, or a new fetch's.
    /// - Parameter fetch: obtains a fresh value and when it expires (on ``now``'s clock); run only when no valid
    ///   value is cached and no fetch for `key` is under way.
    /// - Throws: the fetch's error, to this call and every call that waited for it (unless the previous value is
    ///   still valid).
    public func value(for key: Key, fetch: @escaping @Sendable () async throws -> (value: Value, expiresAt: Double)) async throws -> Value {
        let time = now()
        let found: Lookup = slots.withLock { slots in
            let slot = slots[key]
            if let entry = slot?.entry, time < entry.refreshAt { return .ready(entry.value) }
            if let pending = slot?.pending { return .wait(pending) }
            let previous = slot?.entry
            let clock = now
            let pending = Task { [weak self] () throws -> Entry in
                do {
                    let obtainedAt = clock()
                    let (value, expiresAt) = try await fetch()
                    let lifetime = max(expiresAt - obtainedAt, 0)
                    let entry = Entry(value: value, expiresAt: expiresAt, refreshAt: expiresAt - Self.refreshMargin(lifetime: lifetime))
                    self?.slots.withLock { $0[key] = Slot(entry: entry, pending: nil) }
                    return entry
                } catch {
                    self?.slots.withLock { $0[key]?.pending = nil }
                    // The source is failing, but what it gave last still works: keep using it until it expires.
                    if let previous, clock() < previous.expiresAt { return previous }
                    throw error
                }
            }
            slots[key, default: Slot()].pending = pending
            return .wait(pending)
        }
        switch found {
        case .ready(let value): return value
        case .wait(let task): return try await task.value.value
        }
    }

    /// The value held for `key`, valid or not (to scrub from errors), if any.
    public func cached(for key: Key) -> Entry? {
        slots.withLock { $0[key]?.entry }
    }

    /// Every value held (what a test upstream accepts).
    public var allCached: [Entry] {
        slots.withLock { $0.values.compactMap(\.entry) }
    }

    /// How long before its expiry a value is replaced: five minutes, or half the lifetime of a value that lives less
    /// than ten minutes.
    public static func refreshMargin(lifetime: Double) -> Double {
        min(300, lifetime / 2)
    }
}
