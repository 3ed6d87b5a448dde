import Testing

@testable import GatewayCore

struct TTLCacheTests {
    let t0 = ContinuousClock.now

    @Test func hitWithinTTLAndMissForUnknownKey() {
        let cache = TTLCache<String, Int>(ttl: .seconds(60))
        cache.set("a", 1, now: t0)
        #expect(cache.get("a", now: t0 + .seconds(59)) == 1)
        #expect(cache.get("b", now: t0) == nil)
        #expect(cache.statistics == .init(hits: 1, misses: 1))
    }

    /// A load that began before a write and ends after the write's invalidation must not cache what it read.
    @Test func aValueLoadedAcrossAnInvalidationIsNotCached() {
        let cache = TTLCache<String, Int>(ttl: .seconds(60))
        let before = cache.invalidations
        cache.invalidate("a")
        #expect(!cache.set("a", 1, now: t0, unlessInvalidatedSince: before))
        #expect(cache.get("a", now: t0) == nil)

        // Another key's invalidation does not matter; everything's does.
        let now = cache.invalidations
        cache.invalidate("other")
        #expect(cache.set("a", 2, now: t0, unlessInvalidatedSince: now))
        #expect(cache.get("a", now: t0) == 2)
        cache.invalidateAll()
        #expect(!cache.set("b", 3, now: t0, unlessInvalidatedSince: now))
    }

    /// Past the remembered invalidations, a load begun before the forgotten ones is not cached (it cannot be told
    /// whether its key was among them); one begun after them is.
    @Test func forgottenInvalidationsMakeOlderLoadsUncacheable() {
        let cache = TTLCache<Int, Int>(ttl: .seconds(60))
        let before = cache.invalidations
        for key in 1...(TTLCache<Int, Int>.rememberedInvalidations + 1) { cache.invalidate(key) }
        #expect(!cache.set(0, 1, now: t0, unlessInvalidatedSince: before))
        #expect(cache.set(0, 1, now: t0, unlessInvalidatedSince: cache.invalidations))
    }

    @Test func entryExpiresAtTTLAndIsDropped() {
        let cache = TTLCache<String, Int>(ttl: .seconds(60))
        cache.set("a", 1, now: t0)
        #expect(cache.get("a", now: t0 + .milliseconds(59_999)) == 1)
        #expect(cache.get("a", now: t0 + .seconds(60)) == nil)
        #expect(cache.count == 0)
        #expect(cache.statistics.expirations == 1)
        #expect(cache.statistics.misses == 1)
    }

    @Test func perEntryTTLOverridesTheDefault() {
        let cache = TTLCache<String, Int>(ttl: .seconds(60))
        cache.set("short", 1, now: t0, ttl: .seconds(5))
        cache.set("long", 2, now: t0)
        #expect(cache.get("short", now: t0 + .seconds(5)) == nil)
        #expect(cache.get("long", now: t0 + .seconds(5)) == 2)
    }

    @Test func settingAgainRestartsTheTTL() {
        let cache = TTLCache<String, Int>(ttl: .seconds(10))
        cache.set("a", 1, now: t0)
        cache.set("a", 2, now: t0 + .seconds(8))
        #expect(cache.get("a", now: t0 + .seconds(15)) == 2)
    }

    @Test func invalidateDropsOneKeyAndInvalidateAllDropsEvery() {
        let cache = TTLCache<String, Int>(ttl: .seconds(60))
        cache.set("a", 1, now: t0)
        cache.set("b", 2, now: t0)
        cache.invalidate("a")
        #expect(cache.get("a", now: t0) == nil)
        #expect(cache.get("b", now: t0) == 2)
        cache.invalidateAll()
        #expect(cache.get("b", now: t0) == nil)
        #expect(cache.count == 0)
        #expect(cache.statistics.invalidations == 2)
    }

    @Test func fullCacheEvictsTheOldestEntry() {
        let cache = TTLCache<String, Int>(ttl: .seconds(60), maxEntries: 3)
        for (index, key) in ["a", "b", "c"].enumerated() { cache.set(key, index, now: t0) }
        cache.set("b", 10, now: t0)  // replacing a key evicts nothing and makes "b" the newest
        #expect(cache.count == 3)
        cache.set("d", 3, now: t0)
        #expect(cache.get("a", now: t0) == nil)
        cache.set("e", 4, now: t0)
        #expect(cache.get("c", now: t0) == nil)
        #expect(cache.get("b", now: t0) == 10)
        #expect(cache.get("d", now: t0) == 3)
        #expect(cache.get("e", now: t0) == 4)
        #expect(cache.statistics.evictions == 2)
    }

    @Test func evictionStaysExactAfterManyReplacementsAndInvalidations() {
        let cache = TTLCache<Int, Int>(ttl: .seconds(60), maxEntries: 8)
        for round in 0..<5_000 {
            cache.set(round % 8, round, now: t0)
            if round % 7 == 0 { cache.invalidate(round % 8) }
        }
        #expect(cache.count <= 8)
        // Fill with fresh keys: each evicts exactly one older entry and the newest 8 survive.
        for key in 100..<120 { cache.set(key, key, now: t0) }
        #expect(cache.count == 8)
        #expect((112..<120).allSatisfy { cache.get($0, now: t0) == $0 })
        #expect((100..<112).allSatisfy { cache.get($0, now: t0) == nil })
    }

    @Test func concurrentReadersAndWritersFromManyTasks() async {
        let cache = TTLCache<Int, Int>(ttl: .seconds(60), maxEntries: 64)
        let start = t0
        let tasks = 64
        let operations = 500
        let hits = await withTaskGroup(of: Int.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var hits = 0
                    for op in 0..<operations {
                        let key = (task * 7 + op) % 100
                        if op % 3 == 0 { cache.set(key, key * 2, now: start) }
                        if let value = cache.get(key, now: start) {
                            #expect(value == key * 2)
                            hits += 1
                        }
                        if op % 50 == 0 { cache.invalidate(key) }
                    }
                    return hits
                }
            }
            return await group.reduce(0, +)
        }
        let statistics = cache.statistics
        #expect(statistics.hits == hits)
        #expect(statistics.hits + statistics.misses == tasks * operations)
        #expect(cache.count <= 64)
        #expect(statistics.evictions > 0)
    }
}
