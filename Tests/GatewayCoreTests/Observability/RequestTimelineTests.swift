import HTTPTypes
import ServiceLifecycleTestKit
import Testing
import Tracing

@testable import GatewayCore

/// The timeline the pipeline records (``RequestRecorder``): every hook run in order with its decision, every attempt.
struct RequestTimelineTests {
    let probe = Probe()

    private func hooks(_ timeline: RequestTimeline) -> [String] {
        timeline.hooks.map { "\($0.point.rawValue):\($0.pluginID):\($0.decision.rawValue)" }
    }

    @Test func answeredRequestRecordsEveryHookRunInOrderAndTheAttempt() async throws {
        let runner = makeRunner([
            registered(TestAuth(name: "x", probe: probe), "auth-x"),
            registered(TestAuth(name: "y", probe: probe) { _ in Principal(subject: "y", role: .user) }, "auth-y"),
            registered(TestBudget(name: "b", probe: probe), "budget"),
            registered(TestGuardrail(name: "g", probe: probe), "guard"),
            registered(TestLogger(name: "l", probe: probe), "log"),
        ])
        let request = TestContext.chatRequest(credential: "sk-1")
        // The log queue drains on graceful shutdown, so the event has reached the logging hook when this returns.
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup { group in
                group.addTask { await runner.logService.run() }
                _ = try await runner.handle(request)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }

        let timeline = request.recorder.timeline
        #expect(
            hooks(timeline) == [
                "auth:auth-x:skipped", "auth:auth-y:proceed", "budget_reserve:budget:proceed", "guardrail_pre_call:guard:proceed",
                "guardrail_post_call:guard:proceed", "budget_commit:budget:proceed",
            ])
        // Runs are in time order, each starting after the one before began.
        #expect(zip(timeline.hooks, timeline.hooks.dropFirst()).allSatisfy { $0.startOffset <= $1.startOffset })
        let attempt = try #require(timeline.attempts.first)
        #expect(timeline.attempts.count == 1)
        #expect(attempt.deploymentID == "d1" && attempt.modelGroup == "m" && attempt.number == 1)
        #expect(attempt.status == 200 && attempt.error == nil)

        // The log event carries the same timeline.
        let event = try #require(await probe.events.first)
        #expect(hooks(event.timeline) == hooks(timeline))
    }

    @Test func rejectionIsRecordedWithItsReasonAndTheReservationIsStillCommitted() async throws {
        let blocker = TestGuardrail(name: "g", probe: probe) { _ in throw GatewayError.badRequest("Blocked by 'no-words'.") }
        let runner = makeRunner([registered(TestBudget(name: "b", probe: probe), "budget"), registered(blocker, "guard")])
        let request = TestContext.chatRequest()
        await #expect(throws: GatewayError.self) { _ = try await runner.handle(request) }

        let timeline = request.recorder.timeline
        #expect(hooks(timeline) == ["budget_reserve:budget:proceed", "guardrail_pre_call:guard:rejected", "budget_commit:budget:proceed"])
        #expect(timeline.hooks[1].reason == "Blocked by 'no-words'.")
        #expect(timeline.attempts.isEmpty)
    }

    @Test func pluginFailureUnderAllowIsRecordedAsFailed() async throws {
        let crashing = TestToolAllowlist(name: "t", probe: probe) { _ in throw PluginCrash() }
        let runner = makeRunner([registered(crashing, "tools", .allow)])
        let request = TestContext.chatRequest()
        _ = try await runner.handle(request)

        let run = try #require(request.recorder.timeline.hooks.first)
        #expect(run.point == .toolAllowlist && run.decision == .failed)
        #expect(run.reason?.contains("PluginCrash") == true)
    }

    @Test func decisionTraceGoesToAnAdminWhoAsksAndToNobodyElse() async throws {
        func run(role: Principal.Role, asks: Bool) async throws -> String? {
            let runner = makeRunner([registered(TestAuth(name: "a", probe: probe) { _ in Principal(subject: "s", role: role) }, "auth")])
            var headers = HTTPFields()
            if asks { headers[DecisionTrace.header] = "true" }
            let plain = TestContext.chatRequest(credential: "sk-1")
            let request = GatewayRequest(
                id: "req-1", endpoint: .chatCompletions, headers: headers, credential: "sk-1", body: plain.body, receivedAtDate: 0)
            _ = try await runner.handle(request)
            return request.responseHeaders.all[DecisionTrace.header]
        }
        let trace = try #require(try await run(role: .admin, asks: true))
        let json = try JSONParser.parse(trace)
        #expect(json["hooks"]?[0]?["plugin"] == "auth")
        #expect(json["hooks"]?[0]?["decision"] == "proceed")
        #expect(json["attempts"]?[0]?["deployment"] == "d1")
        #expect(try await run(role: .admin, asks: false) == nil)
        #expect(try await run(role: .user, asks: true) == nil)
        #expect(try await run(role: .adminViewer, asks: true) == nil)
    }

    @Test func headerValueIsASCII() {
        #expect(DecisionTrace.asciiOnly(#"{"reason":"café 😀"}"#) == #"{"reason":"caf\u00e9 \ud83d\ude00"}"#)
        #expect(DecisionTrace.asciiOnly("plain") == "plain")
    }

    @Test func clientTraceContextPassesUpstreamUnchangedWithoutATracer() async throws {
        let runner = makeRunner(
            [], deployments: [Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u")],
            providers: ["rec": RecordingProvider(probe: probe)])
        var headers = HTTPFields()
        headers[HTTPField.Name("traceparent")!] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        headers[HTTPField.Name("tracestate")!] = "vendor=1"
        let request = GatewayRequest(
            id: "req-1", endpoint: .chatCompletions, headers: headers, body: TestContext.chatRequest().body, receivedAtDate: 0)
        _ = try await runner.handle(request)

        let call = try #require(await probe.upstreamCalls.first)
        #expect(call.headers.map(\.0) == ["traceparent", "tracestate"])
        #expect(call.headers.first?.1 == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
    }
}
