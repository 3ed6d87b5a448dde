import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import GatewayCore

struct LogQueueTests {
    let probe = Probe()

    private static func event(_ id: String) -> RequestLogEvent {
        RequestLogEvent(
            requestID: id, endpoint: .chatCompletions, requestedModel: "m", principal: .anonymous, outcome: CallOutcome(), startTime: 0,
            endTime: 1, streamed: false)
    }

    private func stage(_ hook: any LoggingHook, _ pluginID: String) -> Stage<any LoggingHook> {
        Stage(hook: hook, pluginID: pluginID, failurePolicy: .deny)
    }

    /// Runs `queue` as a service, calls `body`, then shuts it down gracefully and waits for it to return.
    private func running(_ queue: LogQueue, _ body: @Sendable () async throws -> Void) async throws {
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup { group in
                group.addTask { await queue.run() }
                try await body()
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func runnerLogsOneEventPerRequestThatPassedAuth() async throws {
        let deployment = Deployment(id: "d1", modelName: "m", provider: "fake", upstreamModel: "f", inputCostPerToken: 0.01)
        let withAuth = makeRunner(
            [
                registered(TestAuth(name: "a", probe: probe) { $0.credential == "good" ? Principal(subject: "alice", role: .user) : nil }, "a"),
                registered(TestLogger(name: "spend", probe: probe), "spend"),
            ], deployments: [deployment])

        try await running(withAuth.logService) {
            _ = try await withAuth.handle(TestContext.chatRequest(id: "ok", credential: "good"))
            _ = try? await withAuth.handle(TestContext.chatRequest(id: "unknown-model", model: "nope", credential: "good"))
            _ = try? await withAuth.handle(TestContext.chatRequest(id: "bad-key", credential: "bad"))
            _ = try await collectChunks(try await withAuth.handle(TestContext.chatRequest(id: "streamed", credential: "good", stream: true)))
        }

        let events = await probe.events
        #expect(events.map(\.requestID).sorted() == ["ok", "streamed", "unknown-model"])
        let ok = try #require(events.first { $0.requestID == "ok" })
        #expect(ok.principal.subject == "alice")
        #expect(ok.outcome.succeeded)
        #expect(ok.outcome.deployment?.id == "d1")
        #expect(ok.outcome.usage != nil)
        #expect(ok.outcome.cost > 0)
        #expect(ok.requestedModel == "m")
        #expect(!ok.streamed)
        #expect(ok.startTime == 1_700_000_000)
        #expect(ok.endTime >= ok.startTime)
        let unknown = try #require(events.first { $0.requestID == "unknown-model" })
        #expect(unknown.outcome.error?.code == "model_not_found")
        let streamed = try #require(events.first { $0.requestID == "streamed" })
        #expect(streamed.streamed)
        #expect(streamed.outcome.usage != nil)
    }

    @Test func loggingHooksRunInManifestOrderForEachEvent() async throws {
        let queue = LogQueue(
            stages: [stage(TestLogger(name: "first", probe: probe), "first"), stage(TestLogger(name: "second", probe: probe), "second")],
            logger: TestContext.logger)
        try await running(queue) {
            queue.enqueue(Self.event("r1"))
            queue.enqueue(Self.event("r2"))
        }
        #expect(await probe.calls == ["log:first:r1", "log:second:r1", "log:first:r2", "log:second:r2"])
    }

    @Test func gracefulShutdownDrainsEveryQueuedEvent() async throws {
        let queue = LogQueue(stages: [stage(TestLogger(name: "slow", probe: probe, delay: .milliseconds(2)), "slow")], logger: TestContext.logger)
        let ids = (0..<50).map { "r\($0)" }
        try await running(queue) {
            for id in ids { queue.enqueue(Self.event(id)) }
        }
        #expect(await probe.events.map(\.requestID) == ids)
    }

    @Test func aBackedUpQueueKeepsEveryEvent() async throws {
        let queue = LogQueue(stages: [stage(TestLogger(name: "l", probe: probe), "l")], warningBacklog: 3, logger: TestContext.logger)
        // Nothing consumes yet, so the backlog passes the warning level: nothing is dropped.
        for index in 0..<5 { queue.enqueue(Self.event("r\(index)")) }
        #expect(queue.queuedCount == 5)
        try await running(queue) {}
        #expect(await probe.events.map(\.requestID) == ["r0", "r1", "r2", "r3", "r4"])
        #expect(queue.queuedCount == 0)
    }

    @Test func withoutLoggingHooksNothingIsQueued() async throws {
        let queue = LogQueue(stages: [], logger: TestContext.logger)
        #expect(!queue.isActive)
        queue.enqueue(Self.event("r"))
        try await running(queue) {}
        #expect(await probe.events.isEmpty)
    }

    @Test func cancellationEndsTheService() async throws {
        let queue = LogQueue(stages: [stage(TestLogger(name: "l", probe: probe), "l")], logger: TestContext.logger)
        let task = Task { await queue.run() }
        queue.enqueue(Self.event("r"))
        #expect(await eventually { await probe.events.count == 1 })
        task.cancel()
        // run() returns instead of waiting forever for more events.
        try await withTimeout(seconds: 5) { await task.value }
    }
}
