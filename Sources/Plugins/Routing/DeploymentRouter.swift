import GatewayCore
import HTTPTypes
import Synchronization

/// The routing hook: health filter → cooldown filter → strategy ordering, in that order.
///
/// `route` returns every candidate that is left, best first: the pipeline calls the first and, on a retry, the
/// next untried one. Neither filter ever empties a non-empty list (each has a safety net), so this hook never
/// turns a request into a 503 by itself. `started` and `record` feed the in-flight counts, latencies, minute
/// usage and cooldowns. All state is keyed by deployment id under one lock; a request touches only its
/// candidates' entries. A cooldown it starts is announced to the other instances sharing the store, and theirs
/// are adopted (``adoptCooldown(_:until:)``): a deployment one instance finds failing, all avoid.
final class DeploymentRouter: RoutingHook {
    private struct State: Sendable {
        var load: DeploymentLoad
        var cooldowns: CooldownTracker
        var random: any RandomNumberGenerator & Sendable
    }

    let settings: RoutingSettings
    /// Set when `enable_health_check_routing` is on.
    let health: HealthRegistry?
    let clock: @Sendable () -> Double
    /// Cooldown and health gauges (`RoutingMetrics.swift`).
    let metrics: RoutingMetrics
    /// Where cooldowns are announced to the other gateway instances sharing the store (nil without a store).
    let changes: (any StoreChangeFeed)?
    private let state: Mutex<State>

    init(
        settings: RoutingSettings, health: HealthRegistry?, random: RandomSource, metrics: RoutingMetrics = .disabled,
        changes: (any StoreChangeFeed)? = nil, clock: @escaping @Sendable () -> Double
    ) {
        self.settings = settings
        self.changes = changes
        self.metrics = metrics
        self.health = health
        self.clock = clock
        let cooldowns = CooldownTracker(
            allowedFails: settings.allowedFails, cooldownTime: settings.cooldownTime, window: settings.allowedFailsWindow)
        self.state = Mutex(
            State(load: DeploymentLoad(latencyTTL: settings.latencyTTL), cooldowns: cooldowns, random: random.makeGenerator()))
    }

    var ordersCandidates: Bool { true }

    func route(_ request: GatewayRequest, candidates: [Deployment]) async throws -> [Deployment] {
        guard !candidates.isEmpty else { return candidates }
        let now = clock()
        let healthy = health?.filter(candidates, now: now, staleness: settings.stalenessThreshold) ?? candidates
        return state.withLock { state in
            let available = state.cooldowns.available(healthy, at: now)
            return settings.strategy.order(
                available, load: state.load, now: now, latencyBuffer: settings.lowestLatencyBuffer, random: &state.random)
        }
    }

    func started(_ deployment: Deployment) async {
        let now = clock()
        state.withLock { $0.load.started(deployment.id, at: now) }
    }

    func record(_ deployment: Deployment, outcome: CallOutcome) async {
        let now = clock()
        let tokens = outcome.usage.map { $0.promptTokens + $0.completionTokens } ?? 0
        let latency = Self.latencySample(deployment, outcome: outcome)
        let cooldownEnd = state.withLock { state in
            state.load.ended(deployment.id, tokens: tokens, latency: latency, at: now)
            return state.cooldowns.record(deployment.id, error: outcome.error, retryAfter: outcome.retryAfter, at: now)
        }
        if let cooldownEnd {
            metrics.coolingDown(deployment)
            changes?.announce(.cooldown(deploymentID: deployment.id, until: cooldownEnd))
        }
    }

    /// Applies a cooldown another instance announced (``StoreChange/cooldown(deploymentID:until:)``); its own come
    /// back too and change nothing. Never announces, so a cooldown does not echo between instances.
    func adoptCooldown(_ id: String, until end: Double) {
        let now = clock()
        let adopted = state.withLock { $0.cooldowns.adopt(id, until: end, at: now) }
        if adopted { metrics.coolingDown(id) }
    }

    /// Forgets deployments that left the catalog and cooldowns that ended (from the background sweep).
    func sweep(keeping ids: Set<String>) {
        let now = clock()
        state.withLock { state in
            state.load.retain(only: ids)
            state.cooldowns.prune(at: now)
        }
    }

    /// Whether the deployment is cooling down now (tests, logs).
    func isCoolingDown(_ id: String) -> Bool {
        let now = clock()
        return state.withLock { $0.cooldowns.isCoolingDown(id, at: now) }
    }

    /// The seconds this call adds to the deployment's latency average: the time to the first token of a stream,
    /// else the whole call; a timeout counts as the deployment's timeout (so a hanging deployment is not the
    /// "fastest" because it never reported); other failures add nothing.
    static func latencySample(_ deployment: Deployment, outcome: CallOutcome) -> Double? {
        if let error = outcome.error {
            return error.status.code == 504 ? deployment.timeout : nil
        }
        return (outcome.timeToFirstToken ?? outcome.latency)?.inSeconds
    }
}
