import Testing

@testable import GatewayCore

/// ``TTLCache/lookup(_:now:)``: what stale-on-error reads serve when the store cannot be reached.
struct TTLCacheStaleTests {
    let t0 = ContinuousClock.now

    @Test func anExpiredEntryIsStaleAndKeptUntilReplaced() {
        let cache = TTLCache<String, Int>(ttl: .seconds(60))
        cache.set("a", 1, now: t0)
        guard case .fresh(1) = cache.lookup("a", now: t0 + .seconds(59)) else { Issue.record("not fresh"); return }
        guard case .stale(1) = cache.lookup("a", now: t0 + .seconds(61)) else { Issue.record("not stale"); return }
        guard case .stale(1) = cache.lookup("a", now: t0 + .seconds(600)) else { Issue.record("dropped"); return }
        #expect(cache.count == 1)
        cache.set("a", 2, now: t0 + .seconds(600), ttl: .seconds(1))
        guard case .fresh(2) = cache.lookup("a", now: t0 + .milliseconds(600_500)) else { Issue.record("not refreshed"); return }
        #expect(cache.statistics.staleHits == 2)
        #expect(cache.statistics.hits == 2)
    }

    @Test func invalidatedAndUnknownEntriesAreMissing() {
        let cache = TTLCache<String, Int>(ttl: .seconds(60))
        cache.set("a", 1, now: t0)
        cache.invalidate("a")
        guard case .missing = cache.lookup("a", now: t0) else { Issue.record("invalidated entry served"); return }
        guard case .missing = cache.lookup("b", now: t0) else { Issue.record("unknown entry served"); return }
        #expect(cache.statistics.misses == 2)
    }
}
