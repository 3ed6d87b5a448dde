import GatewayCore
import HTTPTypes
import Logging
import Testing

@testable import Routing

/// Health-aware routing: the filter, the probes and the `/health` report, without sockets.
@Suite struct HealthRoutingTests {
    let a = RoutingHarness.deployment("a")
    let b = RoutingHarness.deployment("b")

    @Test func theFilterExcludesAFreshUnhealthyResult() {
        let registry = HealthRegistry()
        registry.store(HealthResult(healthy: false, checkedAt: 100, error: "down"), for: "a")
        registry.store(HealthResult(healthy: true, checkedAt: 100, error: nil), for: "b")
        #expect(registry.filter([a, b], now: 110, staleness: 120).map(\.id) == ["b"])
    }

    @Test func theFilterIgnoresAStaleResult() {
        let registry = HealthRegistry()
        registry.store(HealthResult(healthy: false, checkedAt: 100, error: "down"), for: "a")
        #expect(registry.filter([a, b], now: 220, staleness: 120).map(\.id) == ["a", "b"])
        #expect(registry.filter([a, b], now: 219, staleness: 120).map(\.id) == ["b"])
    }

    @Test func theFilterNeverExcludesEveryCandidate() {
        let registry = HealthRegistry()
        for id in ["a", "b"] { registry.store(HealthResult(healthy: false, checkedAt: 100, error: "down"), for: id) }
        #expect(registry.filter([a, b], now: 101, staleness: 120).map(\.id) == ["a", "b"])
    }

    @Test func anOlderResultDoesNotReplaceANewerOne() {
        let registry = HealthRegistry()
        registry.store(HealthResult(healthy: true, checkedAt: 200, error: nil), for: "a")
        registry.store(HealthResult(healthy: false, checkedAt: 150, error: "old"), for: "a")
        #expect(registry.result(for: "a")?.healthy == true)
    }

    @Test func theRouterAppliesHealthBeforeCooldownsAndStrategy() async throws {
        let clock = ManualClock()
        let registry = HealthRegistry()
        var settings = RoutingHarness.settings(.costBased, allowedFails: 0)
        settings.healthCheckRouting = true
        let router = RoutingHarness.router(settings, health: registry, clock: clock)
        let c = RoutingHarness.deployment("c", inputCost: 1)
        registry.store(HealthResult(healthy: false, checkedAt: clock.now, error: "down"), for: "a")
        await router.record(b, outcome: RoutingHarness.outcome(b, error: .badGateway("down")))
        #expect(try await router.route(RoutingHarness.request(), candidates: [a, b, c]).map(\.id) == ["c"])
        clock.advance(settings.stalenessThreshold)
        // a's result is stale and b's cooldown has ended: both are back, cheapest first.
        let ordered = try await router.route(RoutingHarness.request(), candidates: [a, b, c]).map(\.id)
        #expect(Set(ordered.prefix(2)) == ["a", "b"] && ordered.last == "c", "\(ordered)")
    }

    @Test func probesSendAOneTokenPingAndRecordFailuresWithoutTheKey() async throws {
        let sent = Locked<[UpstreamCall]>([])
        let directory = ModelDirectory(configDeployments: [a, b])
        let clock = ManualClock()
        let registry = HealthRegistry()
        let checker = HealthChecker(
            send: { call in
                sent.withLock { $0.append(call) }
                if call.deployment.id == "b" { throw GatewayError.badGateway("upstream said: bad key sk-secret-b") }
                return .json(["choices": []])
            }, registry: registry, models: directory, clock: clock.function, logger: Logger(label: "test"))
        await checker.checkAll()
        let calls = sent.withLock { $0 }
        #expect(calls.count == 2)
        let ping = try #require(calls.first { $0.deployment.id == "a" })
        #expect(ping.operation == .chatCompletions)
        #expect(ping.body["max_tokens"]?.intValue == 1)
        #expect(ping.body["messages"]?[0]?["content"]?.stringValue == "ping")
        #expect(registry.result(for: "a")?.healthy == true)
        let failed = try #require(registry.result(for: "b"))
        #expect(!failed.healthy)
        #expect(failed.error?.contains("sk-secret-b") == false)
        #expect(failed.error?.contains("[redacted]") == true)
    }

    @Test func aProbeThatHangsFailsWithinTheDeploymentTimeout() async throws {
        let quick = RoutingHarness.deployment("quick", timeout: 0.2)
        let checker = HealthChecker(
            send: { _ in
                try await Task.sleep(for: .seconds(30))
                return .json([:])
            }, registry: HealthRegistry(), models: ModelDirectory(configDeployments: [quick]), clock: ManualClock().function,
            logger: Logger(label: "test"))
        let result = await checker.probe(quick)
        #expect(!result.healthy)
        #expect(result.error?.contains("timeout") == true)
    }

    @Test func anEmbeddingModelIsProbedWithAnEmbedding() {
        var embedder = RoutingHarness.deployment("embed")
        embedder.modelInfo = ["mode": "embedding"]
        let call = HealthChecker.call(for: embedder)
        #expect(call.operation == .embeddings)
        #expect(call.body["input"]?.stringValue == "ping")
    }

    @Test func aRerankModelIsProbedWithARerank() {
        var reranker = RoutingHarness.deployment("rerank")
        reranker.modelInfo = ["mode": "rerank"]
        let call = HealthChecker.call(for: reranker)
        #expect(call.operation == .rerank)
        #expect(call.body["query"] == "ping")
        #expect(call.body["documents"] == ["ping"])
    }

    @Test func theReportChecksUncheckedDeploymentsAndShowsNoSecrets() async throws {
        var withCredentials = RoutingHarness.deployment("creds")
        withCredentials.apiBase = "https://user:hunter2@example.com/v1?key=sk-query"
        let directory = ModelDirectory(configDeployments: [a, withCredentials])
        let count = Locked(0)
        let registry = HealthRegistry()
        let checker = HealthChecker(
            send: { call in
                count.withLock { $0 += 1 }
                if call.deployment.id == "creds" { throw GatewayError.gatewayTimeout("slow") }
                return .json([:])
            }, registry: registry, models: directory, clock: ManualClock().function, logger: Logger(label: "test"))
        let endpoint = HealthEndpoint(checker: checker, registry: registry, models: directory)
        let report = await endpoint.report(refresh: false)
        #expect(report["healthy_count"]?.intValue == 1)
        #expect(report["unhealthy_count"]?.intValue == 1)
        #expect(report["healthy_endpoints"]?[0]?["model_id"]?.stringValue == "a")
        let unhealthy = try #require(report["unhealthy_endpoints"]?[0])
        #expect(unhealthy["api_base"]?.stringValue == "https://example.com/v1")
        #expect(unhealthy["error"]?.stringValue == "slow")
        let text = report.serializedString()
        for secret in ["sk-secret", "hunter2", "sk-query"] { #expect(!text.contains(secret)) }
        _ = await endpoint.report(refresh: false)
        #expect(count.withLock { $0 } == 2, "known results are not checked again")
        _ = await endpoint.report(refresh: true)
        #expect(count.withLock { $0 } == 4)
    }
}
