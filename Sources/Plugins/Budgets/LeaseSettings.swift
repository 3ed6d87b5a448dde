/// How big leases are and how long they hold (the `lease_*` keys of the plugin's config).
struct LeaseSettings: Sendable, Equatable {
    /// A slice is this fraction of `max_budget`...
    var fraction: Double = 0.1
    /// ...at most this many units (`lease_max_usd`); nil: no cap.
    var maxSliceUnits: Int64?
    var ttlSeconds: Double = 30

    /// A lease this close to its expiry is renewed before it is used again.
    var renewBeforeSeconds: Double { ttlSeconds / 3 }

    /// An idle, trimmed lease is dropped from memory after this long.
    var forgetAfterSeconds: Double { max(3600, ttlSeconds * 10) }

    /// The slice leased beyond a request's need: at least 1 unit.
    func slice(of maxBudget: Int64) -> Int64 {
        let share = Int64(min(Double(maxBudget) * fraction, 9e18))
        return max(1, min(share, maxSliceUnits ?? .max))
    }
}
