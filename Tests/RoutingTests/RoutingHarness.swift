import AsyncHTTPClient
import GatewayCore
import Logging
import Synchronization

@testable import Routing

/// A clock the test moves by hand (seconds since 1970).
final class ManualClock: Sendable {
    private let seconds = Mutex(1_800_000_000.0)

    var now: Double { seconds.withLock { $0 } }

    func advance(_ delta: Double) { seconds.withLock { $0 += delta } }

    var function: @Sendable () -> Double { { self.now } }
}

/// A value behind a lock, shareable with `@Sendable` closures (a `Mutex` cannot be captured by them).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }
}

/// Deployments, requests and routers for the routing unit tests.
enum RoutingHarness {
    static func deployment(
        _ id: String, model: String = "gpt", weight: Double = 1, rpm: Int? = nil, tpm: Int? = nil, order: Int? = nil, inputCost: Double = 0,
        outputCost: Double = 0, teamID: String? = nil, timeout: Double = 5
    ) -> Deployment {
        Deployment(
            id: id, modelName: model, provider: "openai", upstreamModel: id, apiBase: "http://127.0.0.1:1/v1", apiKey: "sk-secret-\(id)",
            timeout: timeout, rpm: rpm, tpm: tpm, weight: weight, order: order,
            modelInfo: teamID.map { JSON.object(["team_id": .string($0)]) } ?? .object([:]), inputCostPerToken: inputCost,
            outputCostPerToken: outputCost)
    }

    static func request(_ model: String = "gpt") -> GatewayRequest {
        GatewayRequest(
            id: "req", endpoint: .chatCompletions, body: ["model": .string(model), "messages": [["role": "user", "content": "hi"]]],
            receivedAtDate: 0)
    }

    static func router(
        _ settings: RoutingSettings = RoutingSettings(), health: HealthRegistry? = nil, seed: UInt64 = 42, clock: ManualClock = ManualClock()
    ) -> DeploymentRouter {
        DeploymentRouter(settings: settings, health: health, random: .seeded(seed), clock: clock.function)
    }

    static func settings(_ strategy: RoutingStrategy, allowedFails: Int = 3, cooldownTime: Double = 5) -> RoutingSettings {
        var settings = RoutingSettings()
        settings.strategy = strategy
        settings.allowedFails = allowedFails
        settings.cooldownTime = cooldownTime
        return settings
    }

    /// How often each deployment id came first over `count` routes.
    static func firstPicks(_ router: DeploymentRouter, _ candidates: [Deployment], count: Int) async throws -> [String: Int] {
        var picks: [String: Int] = [:]
        for _ in 0..<count {
            let ordered = try await router.route(request(), candidates: candidates)
            picks[ordered.first?.id ?? "none", default: 0] += 1
        }
        return picks
    }

    /// An outcome after `seconds` of latency (a success), or with an error.
    static func outcome(_ deployment: Deployment, latency seconds: Double? = nil, error: GatewayError? = nil, retryAfter: Double? = nil)
        -> CallOutcome
    {
        var outcome = CallOutcome(deployment: deployment, error: error)
        outcome.latency = seconds.map { .milliseconds(Int64($0 * 1000)) }
        outcome.retryAfter = retryAfter
        return outcome
    }

    static func context(routerSettings: [String: JSON] = [:], deployments: [Deployment] = []) -> PluginContext {
        PluginContext(
            logger: Logger(label: "routing-test"), config: GatewayConfig(deployments: deployments, routerSettings: routerSettings), store: nil,
            httpClient: HTTPClient.shared, environment: [:])
    }
}
