import GatewayCore

/// What the strategies know about each deployment, keyed by deployment id: calls in flight (least-busy), a moving
/// average of latency (latency-based), and requests and tokens in the current minute (usage-based).
///
/// A value type with no I/O: ``DeploymentRouter`` keeps it under its lock and feeds it `started` and `record`.
/// Every method touches one deployment's entries, so per-request work never scans other deployments.
struct DeploymentLoad: Sendable {
    /// The weight of the newest sample in the latency average (LiteLLM keeps a window of recent samples; an
    /// exponential average needs no list and follows a change within a few calls).
    static let latencySmoothing = 0.3

    /// Seconds a latency average counts without a new sample (`routing_strategy_args.ttl`).
    ///
    /// Latency-based routing only measures the deployments it picks, so without an expiry a deployment that was
    /// slow once (a cold connection, a hiccup) would never be picked, and so never measured, again. When its
    /// average expires the next request probes it, and that one sample replaces the old average.
    let latencyTTL: Double

    private(set) var inFlight: [String: Int] = [:]
    private var latency: [String: LatencyAverage] = [:]
    private var minutes: [String: MinuteUsage] = [:]

    init(latencyTTL: Double = RoutingSettings().latencyTTL) {
        self.latencyTTL = latencyTTL
    }

    /// A call to the deployment starts: one more in flight, one more request this minute. A call to a deployment
    /// whose latency expired is its probe: the old average counts again until the probe's sample replaces it, so
    /// the requests that arrive meanwhile are not all sent to it as well.
    mutating func started(_ id: String, at now: Double) {
        inFlight[id, default: 0] += 1
        minutes[id, default: MinuteUsage()].add(requests: 1, tokens: 0, at: now)
        if var average = latency[id], average.hasExpired(at: now, ttl: latencyTTL) {
            average.sampledAt = now
            average.replaceWithNextSample = true
            latency[id] = average
        }
    }

    /// A call ended: one fewer in flight, its tokens counted, its latency averaged in.
    /// - Parameter latency: seconds, nil when the call gave none (a failure that was not a timeout).
    mutating func ended(_ id: String, tokens: Int, latency sample: Double?, at now: Double) {
        // A `record` without a `started` (a pipeline that reports endings only) must not drive the count negative.
        if let count = inFlight[id] { inFlight[id] = count > 1 ? count - 1 : nil }
        if tokens > 0 { minutes[id, default: MinuteUsage()].add(requests: 0, tokens: tokens, at: now) }
        if let sample, sample.isFinite, sample >= 0 {
            latency[id] = latency[id].map { $0.adding(sample, at: now) } ?? LatencyAverage(seconds: sample, sampledAt: now)
        }
    }

    func inFlight(_ id: String) -> Int { inFlight[id] ?? 0 }

    /// The deployment's latency average; nil when it has none or it expired (then it is due to be measured).
    func averageLatency(_ id: String, at now: Double) -> Double? {
        guard let average = latency[id], !average.hasExpired(at: now, ttl: latencyTTL) else { return nil }
        return average.seconds
    }

    /// Requests and tokens counted for the deployment in the minute holding `now`.
    func usage(_ id: String, at now: Double) -> (requests: Int, tokens: Int) {
        minutes[id]?.usage(at: now) ?? (0, 0)
    }

    /// Forgets deployments that are no longer in the catalog (called from the background, not per request).
    mutating func retain(only ids: Set<String>) {
        inFlight = inFlight.filter { ids.contains($0.key) }
        latency = latency.filter { ids.contains($0.key) }
        minutes = minutes.filter { ids.contains($0.key) }
    }
}

/// An exponential moving average of one deployment's latency and when it last changed.
struct LatencyAverage: Sendable, Hashable {
    var seconds: Double
    var sampledAt: Double
    /// Set while a probe of an expired average is out: its sample starts the average afresh.
    var replaceWithNextSample = false

    func hasExpired(at now: Double, ttl: Double) -> Bool { now - sampledAt > ttl }

    func adding(_ sample: Double, at now: Double) -> LatencyAverage {
        let seconds = replaceWithNextSample ? sample : seconds + DeploymentLoad.latencySmoothing * (sample - seconds)
        return LatencyAverage(seconds: seconds, sampledAt: now)
    }
}

/// Requests and tokens in one clock-aligned minute (`[floor(now / 60) * 60, + 60)`); a later minute reads 0.
struct MinuteUsage: Sendable, Hashable {
    private var start = -Double.infinity
    private var requests = 0
    private var tokens = 0

    static func start(of now: Double) -> Double { (now / 60).rounded(.down) * 60 }

    func usage(at now: Double) -> (requests: Int, tokens: Int) {
        start == Self.start(of: now) ? (requests, tokens) : (0, 0)
    }

    mutating func add(requests: Int, tokens: Int, at now: Double) {
        let current = Self.start(of: now)
        if current != start {
            start = current
            self.requests = 0
            self.tokens = 0
        }
        self.requests += requests
        self.tokens += tokens
    }
}
