import HTTPTypes
import Testing

@testable import GatewayCore

/// The attempt loop through ``PipelineRunner/handle(_:)`` with recording hooks, a scripted provider and a recorded
/// (not slept) backoff.
struct AttemptLoopTests {
    let probe = Probe()

    /// Counts calls per deployment and fails those `failures` names, the first `times` calls of each (nil: always).
    private actor Script {
        var calls: [String: Int] = [:]
        var sleeps: [Double] = []
        func call(_ id: String) -> Int {
            calls[id, default: 0] += 1
            return calls[id, default: 0]
        }
        func slept(_ seconds: Double) { sleeps.append(seconds) }
    }

    private let script = Script()

    private func runner(
        _ deployments: [Deployment], settings: RouterSettings, hooks: [RegisteredHook]? = nil,
        respond: @escaping @Sendable (UpstreamCall, Int) async throws -> GatewayResponse
    ) -> PipelineRunner {
        let script = script
        let provider = RecordingProvider(probe: probe) { call in
            let count = await script.call(call.deployment.id)
            return try await respond(call, count)
        }
        let hooks = hooks ?? [registered(TestBudget(name: "b", probe: probe), "b"), registered(OrderedRouter(probe: probe), "r")]
        return PipelineRunner(
            pipeline: Pipeline(hooks: hooks), models: ModelDirectory(configDeployments: deployments), providers: ProviderRegistry(["rec": provider]),
            logger: TestContext.logger, routerSettings: settings, sleep: { await script.slept($0) })
    }

    private func deployment(_ id: String, group: String = "m", order: Int? = nil) -> Deployment {
        Deployment(id: id, modelName: group, provider: "rec", upstreamModel: "u-\(id)", order: order)
    }

    private static func ok(_ call: UpstreamCall) -> GatewayResponse {
        .json(["id": "x", "deployment": .string(call.deployment.id), "choices": [], "usage": ["prompt_tokens": 1, "completion_tokens": 1]])
    }

    @Test func retryableFailuresAreRetriedWithBackoffAndEachAttemptIsRecordedOnce() async throws {
        let runner = runner([deployment("d1")], settings: RouterSettings(numRetries: 2, retryAfter: 0.2)) { call, count in
            if count <= 2 { throw GatewayError.badGateway("boom") }
            return Self.ok(call)
        }
        let request = TestContext.chatRequest()
        let response = try await runner.handle(request)
        #expect(jsonBody(response)?["deployment"] == "d1")
        #expect(await script.calls == ["d1": 3])
        let sleeps = await script.sleeps
        #expect(sleeps.count == 2)
        #expect(sleeps.allSatisfy { $0 >= 0.2 }, "\(sleeps)")
        let calls = await probe.calls
        #expect(calls.filter { $0 == "started:d1" }.count == 3)
        #expect(calls.filter { $0.hasPrefix("record:r:d1:") } == ["record:r:d1:502", "record:r:d1:502", "record:r:d1:ok"])
        let commits = await probe.commits
        try #require(commits.count == 1)
        #expect(commits[0].outcome.attempts == 3)
        #expect(commits[0].outcome.succeeded)
        #expect(request.responseHeaders.all[RoutingHeaders.attemptedRetries] == "2")
        #expect(request.responseHeaders.all[RoutingHeaders.attemptedFallbacks] == "0")
        #expect(request.responseHeaders.all[RoutingHeaders.modelID] == "d1")
        let latencies = await probe.recordedOutcomes.map(\.latency)
        #expect(latencies.count == 3 && latencies.allSatisfy { $0 != nil })
    }

    @Test(arguments: [400, 401, 403, 404, 422])
    func clientErrorsAreNotRetried(status: Int) async throws {
        let runner = runner([deployment("d1"), deployment("d2")], settings: RouterSettings(numRetries: 3, fallbacks: ["m": ["other"]])) { _, _ in
            throw UpstreamFailure.gatewayError(
                status: status, body: #"{"error": {"message": "no"}}"#,
                deployment: Deployment(id: "d", modelName: "m", provider: "rec", upstreamModel: "u"))
        }
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest()) })
        #expect(error.status.code == (status == 401 || status == 403 ? 502 : status))
        #expect(await script.calls.values.reduce(0, +) == 1)
        #expect(await script.sleeps.isEmpty)
        #expect(await probe.commits.count == 1)
    }

    /// LiteLLM's `_target_order` finding, as a test: orders 1, 2, 3 where every deployment of 1 and 2 fails. Each
    /// level's deployments are called, in order, none more often than its retries allow, and the request reaches 3.
    @Test(arguments: [0, 1])
    func orderLevelsAreTriedInOrderEachOnce(retries: Int) async throws {
        let deployments = [deployment("o3", order: 3), deployment("o1a", order: 1), deployment("o2", order: 2), deployment("o1b", order: 1)]
        let runner = runner(deployments, settings: RouterSettings(numRetries: retries, retryAfter: 0)) { call, _ in
            if call.deployment.order != 3 { throw GatewayError.gatewayTimeout("slow") }
            return Self.ok(call)
        }
        let request = TestContext.chatRequest()
        let response = try await runner.handle(request)
        #expect(jsonBody(response)?["deployment"] == "o3")
        let sequence = await probe.upstreamCalls.map(\.deployment.id)
        let expected = retries == 0 ? ["o1a", "o1b", "o2", "o3"] : ["o1a", "o1b", "o1a", "o2", "o2", "o3"]
        #expect(sequence == expected)
        #expect(request.responseHeaders.all[RoutingHeaders.attemptedFallbacks] == "2")
        #expect(await probe.commits.count == 1)
    }

    @Test func fallbackGroupsAfterTheGroupFailed() async throws {
        let deployments = [deployment("a1", group: "a"), deployment("b1", group: "b"), deployment("c1", group: "c")]
        let runner = runner(deployments, settings: RouterSettings(fallbacks: ["a": ["b"], "b": ["c"]])) { call, _ in
            if call.deployment.modelName != "c" { throw GatewayError.rateLimited("busy") }
            return Self.ok(call)
        }
        let request = TestContext.chatRequest(model: "a")
        _ = try await runner.handle(request)
        #expect(await probe.upstreamCalls.map(\.deployment.id) == ["a1", "b1", "c1"])
        // The routing hooks are asked for the fallback group's own name.
        #expect(await probe.calls.contains("route:r:c1"))
        #expect(request.responseHeaders.all[RoutingHeaders.modelGroup] == "c")
        #expect(request.responseHeaders.all[RoutingHeaders.attemptedFallbacks] == "2")
        let commits = await probe.commits
        #expect(commits.count == 1)
        #expect(commits.first?.outcome.deployment?.id == "c1")
    }

    @Test func aStreamThatFailsBeforeItsFirstChunkIsRetried() async throws {
        let runner = runner([deployment("d1")], settings: RouterSettings(numRetries: 1, retryAfter: 0)) { _, count in
            if count == 1 {
                return .stream(ChunkStream { { throw GatewayError.badGateway("cut", code: "upstream_stream_cut") } })
            }
            return .stream(ChunkStream([.text("hello"), .text(" world")]))
        }
        let response = try await runner.handle(TestContext.chatRequest(stream: true))
        // The committed stream's attempt is recorded when it ends, not when it starts.
        #expect(await probe.calls.filter { $0.hasPrefix("record:") } == ["record:r:d1:502"])
        let chunks = try await collectChunks(response)
        #expect(chunks.compactMap(\.content) == ["hello", " world"])
        #expect(await probe.calls.filter { $0.hasPrefix("record:") } == ["record:r:d1:502", "record:r:d1:ok"])
        #expect(await probe.recordedOutcomes.last?.timeToFirstToken != nil)
        #expect(await probe.commits.count == 1)
    }

    @Test func aSilentStreamTimesOutAtItsStreamTimeout() async throws {
        var slow = deployment("d1")
        slow.streamTimeout = 0.2
        let runner = runner([slow], settings: RouterSettings()) { _, _ in
            .stream(
                ChunkStream {
                    {
                        try await Task.sleep(for: .seconds(30))
                        return nil
                    }
                })
        }
        let started = ContinuousClock.now
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest(stream: true)) })
        #expect(error.code == "upstream_timeout")
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}

/// A routing hook that keeps the group's order and notes `started` and `record`.
private struct OrderedRouter: RoutingHook {
    let probe: Probe

    func route(_ request: GatewayRequest, candidates: [Deployment]) async throws -> [Deployment] {
        await probe.record("route:r:\(candidates.map(\.id).joined(separator: ","))")
        return candidates
    }

    func started(_ deployment: Deployment) async {
        await probe.record("started:\(deployment.id)")
    }

    func record(_ deployment: Deployment, outcome: CallOutcome) async {
        await probe.record("record:r:\(deployment.id):\(outcome.error.map { String($0.status.code) } ?? "ok")")
        await probe.routed(outcome)
    }
}
