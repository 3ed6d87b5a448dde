import GatewayCore
import Synchronization
import Testing

/// ``RefreshingCache`` without I/O: one fetch for concurrent callers, a refresh at the margin, a failed refresh
/// answered with the previous value while it is valid, and failures not cached.
struct RefreshingCacheTests {
    /// A clock moved by hand, and a count of fetches.
    final class Harness: Sendable {
        let time = Mutex(1000.0)
        let fetches = Mutex(0)
        let failing = Mutex(false)
        var now: Double { time.withLock { $0 } }

        /// A fetch that counts, waits `delay`, fails when ``failing``, and returns `value-<n>` valid for `lifetime`.
        func fetch(lifetime: Double, delay: Duration = .zero) -> @Sendable () async throws -> (value: String, expiresAt: Double) {
            { [self] in
                let count = fetches.withLock {
                    $0 += 1; return $0
                }
                if delay > .zero { try await Task.sleep(for: delay) }
                if failing.withLock({ $0 }) { throw CancellationError() }
                return ("value-\(count)", now + lifetime)
            }
        }
    }

    @Test func concurrentCallersShareOneFetch() async throws {
        let harness = Harness()
        let cache = RefreshingCache<String, String> { harness.now }
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.value(for: "k", fetch: harness.fetch(lifetime: 3600, delay: .milliseconds(100))) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(values) == ["value-1"])
        #expect(harness.fetches.withLock { $0 } == 1)
        // Another key has its own value.
        #expect(try await cache.value(for: "other", fetch: harness.fetch(lifetime: 3600)) == "value-2")
        #expect(cache.cached(for: "k")?.value == "value-1")
        #expect(cache.allCached.count == 2)
    }

    @Test func refreshesAtTheMarginAndKeepsTheOldValueWhileItIsValid() async throws {
        let harness = Harness()
        let cache = RefreshingCache<String, String> { harness.now }
        #expect(try await cache.value(for: "k", fetch: harness.fetch(lifetime: 3600)) == "value-1")
        harness.time.withLock { $0 += 3600 - 301 }
        #expect(try await cache.value(for: "k", fetch: harness.fetch(lifetime: 3600)) == "value-1")
        harness.time.withLock { $0 += 2 }
        // Inside the margin: the refresh fails, the old value (valid for 299 s more) is used.
        harness.failing.withLock { $0 = true }
        #expect(try await cache.value(for: "k", fetch: harness.fetch(lifetime: 3600)) == "value-1")
        #expect(harness.fetches.withLock { $0 } == 2)
        // Past its expiry a failure is the caller's, and it is not cached: each call tries again.
        harness.time.withLock { $0 += 300 }
        for _ in 0..<2 {
            await #expect(throws: CancellationError.self) { try await cache.value(for: "k", fetch: harness.fetch(lifetime: 3600)) }
        }
        #expect(harness.fetches.withLock { $0 } == 4)
        harness.failing.withLock { $0 = false }
        #expect(try await cache.value(for: "k", fetch: harness.fetch(lifetime: 3600)) == "value-5")
    }

    @Test func shortLivedValuesAreRefreshedAtHalfTheirLifetime() async throws {
        let harness = Harness()
        let cache = RefreshingCache<String, String> { harness.now }
        _ = try await cache.value(for: "k", fetch: harness.fetch(lifetime: 60))
        harness.time.withLock { $0 += 29 }
        _ = try await cache.value(for: "k", fetch: harness.fetch(lifetime: 60))
        #expect(harness.fetches.withLock { $0 } == 1)
        harness.time.withLock { $0 += 2 }
        #expect(try await cache.value(for: "k", fetch: harness.fetch(lifetime: 60)) == "value-2")
        #expect(RefreshingCache<String, String>.refreshMargin(lifetime: 60) == 30)
    }
}
