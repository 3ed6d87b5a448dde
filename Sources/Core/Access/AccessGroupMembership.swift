import Synchronization

/// The access groups as the request path reads them: config groups merged with the database's, nested groups
/// resolved, held in a ``TTLCache`` and loaded through a closure a storage plugin provides.
///
/// - A hit costs one lock and no I/O. A miss loads the groups once, however many requests miss together.
/// - Every write to an access group (and every change of deployments) must call ``invalidate()``: the writing
///   process sees the change at once; other processes within ``ttl``.
/// - A load that started before an invalidation is returned to its own callers but never cached, so a write
///   cannot be undone by a slow read that raced it.
/// - A failing load never reaches the request: the graph is rebuilt from the database groups last read
///   (stale-on-error, so keys that rely on them keep working while the database is down), or, when none were
///   read since the last invalidation, degrades to the flat config groups (no database groups, no nesting). The
///   failure goes to `onLoadFailure`, and the result is cached for ``failureTTL`` so a database outage costs one
///   attempt per interval rather than one per request (as LiteLLM's seed caches its empty fallback map).
public final class AccessGroupMembership: Sendable {
    /// Reads every database access group.
    public typealias Loader = @Sendable () async throws -> [AccessGroupRecord]

    /// A resolved graph and whether it is the degraded fallback.
    public struct Snapshot: Sendable, Equatable {
        /// Config and database groups, resolved; config groups only when `degraded`.
        public var graph: AccessGroupGraph
        /// True when the database could not be read and `graph` holds config groups only.
        public var degraded: Bool
    }

    /// Loads and invalidations so far; for tests and metrics. Cache hits are in ``cacheStatistics``.
    public struct Statistics: Sendable, Hashable {
        /// Calls of the loader.
        public var loads = 0
        /// Loads that threw and fell back to config groups.
        public var failedLoads = 0
        /// Calls of ``AccessGroupMembership/invalidate()`` and deployment updates.
        public var invalidations = 0
    }

    /// What a miss found under the lock: a graph cached meanwhile, or the load to wait for.
    private enum Pending {
        case cached(Snapshot)
        case running(Task<Snapshot, Never>)
    }

    private struct State {
        var deployments: [Deployment]
        /// Bumped by every invalidation; a load caches its result only if it is unchanged.
        var generation: UInt64 = 0
        /// The load in progress for `generation`, shared by every caller that misses meanwhile.
        var inFlight: Task<Snapshot, Never>?
        /// The database groups of the last load that succeeded since the last invalidation, for a failing load.
        var lastRecords: [AccessGroupRecord]?
        var statistics = Statistics()
    }

    /// How long a loaded graph is served before the next load.
    public let ttl: Duration
    /// How long the degraded fallback is served before the database is tried again.
    public let failureTTL: Duration
    private let cache: TTLCache<Int, Snapshot>
    private let state: Mutex<State>
    private let loadGroups: Loader
    private let onLoadFailure: @Sendable (any Error) -> Void
    private let now: @Sendable () -> ContinuousClock.Instant

    /// Creates the resolver; nothing is loaded until the first read.
    /// - Parameters:
    ///   - deployments: the deployments whose `accessGroups` define the config groups.
    ///   - ttl: how long a loaded graph is served (LiteLLM's seed uses 60 s).
    ///   - failureTTL: how long the fallback is served after a failed load.
    ///   - loadGroups: reads the database's access groups; may throw.
    ///   - onLoadFailure: told about each failed load (log it); must not block.
    ///   - now: the clock; tests pass a manual one.
    public init(
        deployments: [Deployment], ttl: Duration = .seconds(60), failureTTL: Duration = .seconds(5), loadGroups: @escaping Loader,
        onLoadFailure: @escaping @Sendable (any Error) -> Void = { _ in }, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.ttl = ttl
        self.failureTTL = failureTTL
        self.cache = TTLCache(ttl: ttl, maxEntries: 1)
        self.state = Mutex(State(deployments: deployments))
        self.loadGroups = loadGroups
        self.onLoadFailure = onLoadFailure
        self.now = now
    }

    /// The current graph: cached, or loaded now. Never throws; see ``snapshot()`` for the degraded flag.
    public func graph() async -> AccessGroupGraph { await snapshot().graph }

    /// The current graph and whether it is the degraded fallback.
    public func snapshot() async -> Snapshot {
        if let cached = cache.get(0, now: now()) { return cached }
        let pending = state.withLock { state -> Pending in
            // Checked again under the lock: a load may have finished since the miss above.
            if let cached = cache.get(0, now: now()) { return .cached(cached) }
            if let running = state.inFlight { return .running(running) }
            let generation = state.generation
            let deployments = state.deployments
            state.statistics.loads += 1
            let task = Task { await self.load(generation: generation, deployments: deployments) }
            state.inFlight = task
            return .running(task)
        }
        switch pending {
        case .cached(let snapshot): return snapshot
        case .running(let task): return await task.value
        }
    }

    /// Drops the cached graph. Call after every access group write; the next read loads again.
    public func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.inFlight = nil
            state.lastRecords = nil
            state.statistics.invalidations += 1
            cache.invalidateAll()
        }
    }

    /// Replaces the deployments (a model was added, changed or deleted) and drops the cached graph.
    /// - Parameter deployments: every deployment now configured.
    public func updateDeployments(_ deployments: [Deployment]) {
        state.withLock { state in
            state.deployments = deployments
            state.generation += 1
            state.inFlight = nil
            state.statistics.invalidations += 1
            cache.invalidateAll()
        }
    }

    /// Loads, failed loads and invalidations so far.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Hits and misses of the graph cache (a miss is counted twice: once before and once under the load lock).
    public var cacheStatistics: TTLCache<Int, Snapshot>.Statistics { cache.statistics }

    /// One load: the database groups, or the flat fallback. Caches the result unless invalidated meanwhile.
    private func load(generation: UInt64, deployments: [Deployment]) async -> Snapshot {
        let snapshot: Snapshot
        do {
            let records = try await loadGroups()
            state.withLock { state in
                if state.generation == generation { state.lastRecords = records }
            }
            snapshot = Snapshot(graph: AccessGroupGraph(deployments: deployments, records: records), degraded: false)
        } catch {
            let lastRecords = state.withLock { state in
                state.statistics.failedLoads += 1
                return state.lastRecords
            }
            onLoadFailure(error)
            if let lastRecords {
                snapshot = Snapshot(graph: AccessGroupGraph(deployments: deployments, records: lastRecords), degraded: false)
            } else {
                snapshot = Snapshot(graph: AccessGroupGraph(deployments: deployments), degraded: true)
            }
        }
        state.withLock { state in
            guard state.generation == generation else { return }
            cache.set(0, snapshot, now: now(), ttl: snapshot.degraded ? failureTTL : ttl)
            state.inFlight = nil
        }
        return snapshot
    }
}
