import HTTPTypes
import Testing

@testable import GatewayCore

struct PipelineRunnerTests {
    let probe = Probe()

    // MARK: Order

    @Test func preCallHooksRunInManifestOrderAndPostCallHooksInReverse() async throws {
        let runner = makeRunner([
            registered(BudgetAndGuardrail(name: "a", probe: probe), "a"),
            registered(BudgetAndGuardrail(name: "b", probe: probe), "b"),
            registered(TestToolAllowlist(name: "t", probe: probe), "t"),
            registered(TestGuardrail(name: "c", probe: probe), "c"),
        ])
        let response = try await runner.handle(TestContext.chatRequest())

        #expect(
            await probe.calls == [
                "reserve:a", "reserve:b", "tools:t", "pre:a", "pre:b", "pre:c", "post:c", "post:b", "post:a", "commit:b", "commit:a",
            ])
        // Each post-call hook appended its name: the last registered ran first.
        #expect(jsonBody(response)?["trail"] == ["b", "a"])
    }

    @Test func preCallGuardrailRewritesWhatTheProviderReceives() async throws {
        let mask = TestGuardrail(name: "mask", probe: probe) { request in
            request.body["messages"] = [["role": "user", "content": "[MASKED]"]]
            return .proceed
        }
        let deployment = Deployment(
            id: "d1", modelName: "m", provider: "rec", upstreamModel: "upstream-model",
            extraParams: ["temperature": 0.2, "max_tokens": 50])
        let runner = makeRunner([registered(mask, "mask")], deployments: [deployment], providers: ["rec": RecordingProvider(probe: probe)])
        _ = try await runner.handle(TestContext.chatRequest(extra: ["max_tokens": 7]))

        let call = try #require(await probe.upstreamCalls.first)
        #expect(call.body["messages"]?[0]?["content"] == "[MASKED]")
        #expect(call.body["model"] == "upstream-model")
        // Deployment defaults fill in what the client omitted and never override what it sent.
        #expect(call.body["temperature"] == 0.2)
        #expect(call.body["max_tokens"] == 7)
        #expect(call.requestID == "req-1")
    }

    // MARK: Auth

    @Test func firstAuthHookReturningAPrincipalWins() async throws {
        let runner = makeRunner([
            registered(TestAuth(name: "x", probe: probe), "x"),
            registered(TestAuth(name: "y", probe: probe) { _ in Principal(subject: "from-y", role: .user) }, "y"),
            registered(TestAuth(name: "z", probe: probe) { _ in Principal(subject: "from-z", role: .admin) }, "z"),
            registered(TestBudget(name: "b", probe: probe), "b"),
        ])
        _ = try await runner.handle(TestContext.chatRequest(credential: "sk-1"))

        let calls = await probe.calls
        #expect(calls.prefix(2) == ["auth:x", "auth:y"])
        #expect(!calls.contains("auth:z"))
        #expect(await probe.commits.first?.request.principal.subject == "from-y")
    }

    @Test func everyAuthHookReturningNilIs401() async throws {
        let runner = makeRunner([
            registered(TestAuth(name: "x", probe: probe), "x"),
            registered(TestAuth(name: "y", probe: probe), "y"),
            registered(TestBudget(name: "b", probe: probe), "b"),
        ])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest(credential: "sk-bad")) })
        #expect(error.status == .unauthorized)
        #expect(error.code == "invalid_api_key")
        #expect(!error.message.contains("sk-bad"))
        #expect(await probe.calls == ["auth:x", "auth:y"])

        let missing = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest(credential: nil)) })
        #expect(missing.status == .unauthorized)
        #expect(missing.message.contains("Missing"))
    }

    @Test func noAuthHooksMeansAnonymous() async throws {
        let runner = makeRunner([registered(TestBudget(name: "b", probe: probe), "b")])
        let request = TestContext.chatRequest(credential: "anything")
        #expect(try await runner.authenticate(request) == .anonymous)
        _ = try await runner.handle(request)
        #expect(await probe.commits.first?.request.principal == .anonymous)
    }

    @Test func authRejectionStopsAtThatHook() async throws {
        let runner = makeRunner([
            registered(TestAuth(name: "x", probe: probe) { _ in throw GatewayError.forbidden("Key is blocked.", code: "key_blocked") }, "x"),
            registered(TestAuth(name: "y", probe: probe) { _ in Principal(subject: "y", role: .user) }, "y"),
        ])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest(credential: "k")) })
        #expect(error.status == .forbidden)
        #expect(error.code == "key_blocked")
        #expect(await probe.calls == ["auth:x"])
    }

    // MARK: Budget and short-circuits

    @Test func budgetRejectionStopsLaterHooksAndReleasesEarlierReservations() async throws {
        let runner = makeRunner(
            [
                registered(TestBudget(name: "a", probe: probe), "a"),
                registered(TestBudget(name: "b", probe: probe) { _ in throw GatewayError.rateLimited("Too many requests.") }, "b"),
                registered(TestBudget(name: "c", probe: probe), "c"),
                registered(TestGuardrail(name: "g", probe: probe), "g"),
            ], deployments: [Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u")],
            providers: ["rec": RecordingProvider(probe: probe)])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest()) })
        #expect(error.status == .tooManyRequests)
        #expect(await probe.calls == ["reserve:a", "reserve:b", "commit:a"])
        #expect(await probe.upstreamCalls.isEmpty)
        #expect(await probe.commits.first?.outcome.error?.status == .tooManyRequests)
    }

    @Test func respondShortCircuitsWithoutCallingTheProvider() async throws {
        let runner = makeRunner(
            [
                registered(TestBudget(name: "a", probe: probe), "a"),
                registered(TestGuardrail(name: "cache", probe: probe) { _ in .respond(.json(["cached": true])) }, "cache"),
                registered(TestGuardrail(name: "later", probe: probe), "later"),
            ], deployments: [Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u")],
            providers: ["rec": RecordingProvider(probe: probe)])
        let response = try await runner.handle(TestContext.chatRequest())

        #expect(jsonBody(response) == ["cached": true])
        #expect(await probe.upstreamCalls.isEmpty)
        let calls = await probe.calls
        #expect(!calls.contains("pre:later"))
        #expect(calls.filter { $0 == "commit:a" }.count == 1)
        #expect(await probe.commits.first?.outcome.succeeded == true)
    }

    @Test func budgetRespondingCommitsItselfAndEarlierBudgets() async throws {
        let runner = makeRunner([
            registered(TestBudget(name: "a", probe: probe), "a"),
            registered(TestBudget(name: "b", probe: probe) { _ in .respond(.json(["from": "b"])) }, "b"),
            registered(TestBudget(name: "c", probe: probe), "c"),
        ])
        let response = try await runner.handle(TestContext.chatRequest())
        #expect(jsonBody(response) == ["from": "b"])
        #expect(await probe.calls == ["reserve:a", "reserve:b", "commit:b", "commit:a"])
    }

    /// `HookDecision.respond`: "Post-call hooks that already ran their pre-call part still see it."
    @Test func guardrailsThatRanBeforeAnEarlyResponseSeeIt() async throws {
        let redact = TestGuardrail(name: "redact", probe: probe, postAction: { response in response["redacted"] = true })
        let runner = makeRunner([
            registered(redact, "redact"),
            registered(TestGuardrail(name: "cache", probe: probe) { _ in .respond(.json(["cached": true])) }, "cache"),
        ])
        let response = try await runner.handle(TestContext.chatRequest())
        #expect(await probe.calls.contains("post:redact"))
        #expect(jsonBody(response)?["redacted"] == true)
    }

    // MARK: Failure policy

    @Test func crashingPluginWithDenyFailsTheRequestNamingThePlugin() async throws {
        let runner = makeRunner(
            [
                registered(TestBudget(name: "b", probe: probe), "b"),
                registered(TestGuardrail(name: "crashy", probe: probe) { _ in throw PluginCrash() }, "crashy-guard", .deny),
            ], deployments: [Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u")],
            providers: ["rec": RecordingProvider(probe: probe)])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest()) })
        #expect(error.status == .internalServerError)
        #expect(error.message.contains("crashy-guard"))
        #expect(await probe.upstreamCalls.isEmpty)
        #expect(await probe.commits.count == 1)
        #expect(await probe.commits.first?.outcome.error?.status == .internalServerError)
    }

    @Test func crashingPluginWithAllowIsSkipped() async throws {
        let runner = makeRunner(
            [
                registered(TestGuardrail(name: "crashy", probe: probe) { _ in throw PluginCrash() }, "crashy", .allow),
                registered(TestGuardrail(name: "next", probe: probe), "next"),
            ], deployments: [Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u")],
            providers: ["rec": RecordingProvider(probe: probe)])
        let response = try await runner.handle(TestContext.chatRequest())
        #expect(jsonBody(response)?["deployment"] == "d1")
        #expect(await probe.calls.contains("pre:next"))
        #expect(await probe.upstreamCalls.count == 1)
    }

    @Test func gatewayErrorFromAnAllowPluginStillRejects() async throws {
        let runner = makeRunner(
            [registered(TestGuardrail(name: "g", probe: probe) { _ in throw GatewayError.badRequest("Blocked content.") }, "g", .allow)],
            deployments: [Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u")],
            providers: ["rec": RecordingProvider(probe: probe)])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest()) })
        #expect(error.status == .badRequest)
        #expect(error.message == "Blocked content.")
        #expect(await probe.upstreamCalls.isEmpty)
    }

    /// `BudgetHook`: "`commit` runs exactly once for every request whose `reserve` returned". A reserve that
    /// failed under `on_error: allow` held nothing, so committing it would release what was never reserved.
    @Test func reserveThatFailedUnderAllowIsNotCommitted() async throws {
        let runner = makeRunner([
            registered(TestBudget(name: "steady", probe: probe), "steady"),
            registered(TestBudget(name: "flaky", probe: probe) { _ in throw PluginCrash() }, "flaky", .allow),
        ])
        _ = try await runner.handle(TestContext.chatRequest())
        #expect(await probe.commits.map(\.name) == ["steady"])
    }

    // MARK: Commit

    @Test func commitRunsOnceOnSuccessWithUsageAndCost() async throws {
        let deployment = Deployment(
            id: "d1", modelName: "m", provider: "rec", upstreamModel: "u", inputCostPerToken: 0.001, outputCostPerToken: 0.002)
        let runner = makeRunner(
            [registered(TestBudget(name: "b", probe: probe), "b")], deployments: [deployment],
            providers: ["rec": RecordingProvider(probe: probe)])
        _ = try await runner.handle(TestContext.chatRequest())

        let commits = await probe.commits
        try #require(commits.count == 1)
        let outcome = commits[0].outcome
        #expect(outcome.succeeded)
        #expect(outcome.deployment?.id == "d1")
        #expect(outcome.usage == Usage(promptTokens: 10, completionTokens: 20))
        #expect(abs(outcome.cost - 0.05) < 1e-12)
    }

    @Test(arguments: [true, false])
    func commitRunsOnceOnUpstreamError(upstreamThrowsGatewayError: Bool) async throws {
        let failing = RecordingProvider(probe: probe) { _ in
            if upstreamThrowsGatewayError { throw GatewayError.gatewayTimeout("Upstream timed out.") }
            throw PluginCrash()
        }
        let runner = makeRunner(
            [registered(TestBudget(name: "b", probe: probe), "b"), registered(TestRouter(name: "r", probe: probe), "r")],
            deployments: [Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u")], providers: ["rec": failing])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest()) })
        let expected: HTTPResponse.Status = upstreamThrowsGatewayError ? .gatewayTimeout : .badGateway
        #expect(error.status == expected)

        let commits = await probe.commits
        try #require(commits.count == 1)
        #expect(commits[0].outcome.error?.status == expected)
        #expect(commits[0].outcome.deployment?.id == "d1")
        #expect(await probe.calls.contains("record:r:d1:\(expected.code)"))
    }

    /// The upstream was called and paid for, so a post-call rejection must still commit what it used.
    @Test func postCallRejectionCommitsTheUsageOfTheUpstreamCall() async throws {
        let deployment = Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u", inputCostPerToken: 0.001)
        let guardrail = TestGuardrail(name: "g", probe: probe, postAction: { _ in throw GatewayError.forbidden("Response blocked.") })
        let runner = makeRunner(
            [registered(TestBudget(name: "b", probe: probe), "b"), registered(guardrail, "g")], deployments: [deployment],
            providers: ["rec": RecordingProvider(probe: probe)])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest()) })
        #expect(error.status == .forbidden)

        let commits = await probe.commits
        try #require(commits.count == 1)
        #expect(commits[0].outcome.error?.status == .forbidden)
        #expect(commits[0].outcome.usage == Usage(promptTokens: 10, completionTokens: 20))
        #expect(abs(commits[0].outcome.cost - 0.01) < 1e-12)
    }

    // MARK: Errors before routing

    @Test func unknownModelIs404() async throws {
        let runner = makeRunner([registered(TestBudget(name: "b", probe: probe), "b")])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest(model: "nope")) })
        #expect(error.status == .notFound)
        #expect(error.code == "model_not_found")
        #expect(error.param == "model")
        #expect(error.message.contains("nope"))
        #expect(await probe.commits.first?.outcome.error?.code == "model_not_found")
    }

    @Test func missingModelIs400BeforeAnyHook() async throws {
        let runner = makeRunner([registered(TestBudget(name: "b", probe: probe), "b")])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest(model: nil)) })
        #expect(error.status == .badRequest)
        #expect(error.param == "model")
        #expect(await !probe.calls.contains("reserve:b"))
    }

    // MARK: Routing

    @Test func routingHooksReorderCandidatesAndTheFirstIsCalled() async throws {
        let deployments = ["d1", "d2", "d3"].map { Deployment(id: $0, modelName: "m", provider: "rec", upstreamModel: "u-\($0)") }
        let runner = makeRunner(
            [
                registered(TestRouter(name: "reverse", probe: probe) { $0.reversed() }, "reverse"),
                registered(TestRouter(name: "skip", probe: probe) { Array($0.dropFirst()) }, "skip"),
            ], deployments: deployments, providers: ["rec": RecordingProvider(probe: probe)])
        let response = try await runner.handle(TestContext.chatRequest())

        #expect(jsonBody(response)?["deployment"] == "d2")
        #expect(await probe.upstreamCalls.map(\.deployment.id) == ["d2"])
        let calls = await probe.calls
        #expect(calls.contains("route:reverse:d1,d2,d3"))
        #expect(calls.contains("route:skip:d3,d2,d1"))
        #expect(calls.contains("record:reverse:d2:ok"))
        #expect(calls.contains("record:skip:d2:ok"))
    }

    @Test func withoutRoutingHooksTheOrderedDeploymentIsCalled() async throws {
        let deployments = [
            Deployment(id: "d1", modelName: "m", provider: "rec", upstreamModel: "u"),
            Deployment(id: "d2", modelName: "m", provider: "rec", upstreamModel: "u", order: 1),
        ]
        let runner = makeRunner([], deployments: deployments, providers: ["rec": RecordingProvider(probe: probe)])
        _ = try await runner.handle(TestContext.chatRequest())
        #expect(await probe.upstreamCalls.map(\.deployment.id) == ["d2"])
    }

    @Test func routingToNoCandidateIs503() async throws {
        let runner = makeRunner([registered(TestRouter(name: "none", probe: probe) { _ in [] }, "none")])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest()) })
        #expect(error.status == .serviceUnavailable)
    }
}
