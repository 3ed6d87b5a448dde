import HTTPTypes
import Testing

@testable import GatewayCore

/// Streamed responses through the runner: chunk guardrails, usage accounting and when the commit runs.
struct PipelineRunnerStreamTests {
    let probe = Probe()

    private func scripted(_ chunks: [StreamChunk]) -> RecordingProvider {
        RecordingProvider(probe: probe) { _ in .stream(ChunkStream(chunks)) }
    }

    private func runner(_ hooks: [RegisteredHook], provider: any Provider, costs: (Double, Double) = (0, 0)) -> PipelineRunner {
        let deployment = Deployment(
            id: "d1", modelName: "m", provider: "rec", upstreamModel: "u", inputCostPerToken: costs.0, outputCostPerToken: costs.1)
        return makeRunner(hooks, deployments: [deployment], providers: ["rec": provider])
    }

    @Test func commitRunsOnlyAfterTheLastChunkWithTheStreamedUsage() async throws {
        let fake = Deployment(
            id: "d1", modelName: "m", provider: "fake", upstreamModel: "f", inputCostPerToken: 0.5, outputCostPerToken: 1)
        let runner = makeRunner([registered(TestBudget(name: "b", probe: probe), "b")], deployments: [fake])
        let response = try await runner.handle(TestContext.chatRequest(stream: true, includeUsage: true))
        guard case .stream(let stream) = response else {
            Issue.record("expected a stream")
            return
        }
        var iterator = stream.makeAsyncIterator()
        var streamedUsage: Usage?
        var count = 0
        while let chunk = try await iterator.next() {
            count += 1
            #expect(await probe.commits.isEmpty, "committed before the stream ended (after chunk \(count))")
            if let usage = chunk.usage { streamedUsage = usage }
        }
        #expect(count > 2)
        let usage = try #require(streamedUsage)
        #expect(usage.completionTokens > 0)

        let commits = await probe.commits
        try #require(commits.count == 1)
        #expect(commits[0].outcome.succeeded)
        #expect(commits[0].outcome.usage == usage)
        #expect(commits[0].outcome.cost == Double(usage.promptTokens) * 0.5 + Double(usage.completionTokens))
        // Pulling again after the end must not commit again.
        #expect(try await iterator.next() == nil)
        #expect(await probe.commits.count == 1)
    }

    @Test func usageChunkIsHiddenFromAClientThatDidNotAskForIt() async throws {
        let runner = makeRunner([registered(TestBudget(name: "b", probe: probe), "b")])
        let chunks = try await collectChunks(try await runner.handle(TestContext.chatRequest(stream: true)))
        #expect(!chunks.isEmpty)
        #expect(chunks.allSatisfy { $0.json["usage"] == nil })
        // The gateway still learned the usage for accounting.
        let usage = try #require(await probe.commits.first?.outcome.usage)
        #expect(usage.completionTokens > 0)
    }

    @Test func usageChunkIsShownToAClientThatAskedForIt() async throws {
        let runner = makeRunner([])
        let chunks = try await collectChunks(try await runner.handle(TestContext.chatRequest(stream: true, includeUsage: true)))
        let last = try #require(chunks.last)
        #expect(last.usage != nil)
        #expect(last.json["choices"] == [])
    }

    @Test func upstreamIsAlwaysAskedForStreamUsage() async throws {
        let runner = runner([], provider: scripted([.text("a")]))
        _ = try await collectChunks(try await runner.handle(TestContext.chatRequest(stream: true, includeUsage: false)))
        let call = try #require(await probe.upstreamCalls.first)
        #expect(call.body["stream_options"]?["include_usage"] == true)
    }

    @Test func usageOnAContentChunkIsStrippedButTheContentKept() async throws {
        let usage: JSON = ["prompt_tokens": 3, "completion_tokens": 4]
        let runner = runner([registered(TestBudget(name: "b", probe: probe), "b")], provider: scripted([.text("a"), .text("b", usage: usage)]))
        let chunks = try await collectChunks(try await runner.handle(TestContext.chatRequest(stream: true)))
        #expect(chunks.map(\.content) == ["a", "b"])
        #expect(chunks.allSatisfy { $0.json["usage"] == nil })
        #expect(await probe.commits.first?.outcome.usage == Usage(promptTokens: 3, completionTokens: 4))
    }

    @Test func chunkGuardrailsRunInReverseAndMayDropOrModify() async throws {
        // Registered first, so it runs last on each chunk: sees what "drop" let through.
        let upper = TestGuardrail(name: "upper", probe: probe) { _ in
            .proceed
        } chunkAction: { chunk in
            guard chunk.content != nil else { return chunk }
            var changed = chunk
            changed.json["choices"] = [["index": 0, "delta": ["content": .string(chunk.content?.uppercased() ?? "")]]]
            return changed
        }
        let drop = TestGuardrail(name: "drop", probe: probe) { _ in
            .proceed
        } chunkAction: { chunk in
            chunk.content == "secret" ? nil : chunk
        }
        let runner = runner(
            [registered(upper, "upper"), registered(drop, "drop")],
            provider: scripted([.text("a"), .text("secret"), .text("b"), .usageOnly(prompt: 1, completion: 3)]))
        let chunks = try await collectChunks(try await runner.handle(TestContext.chatRequest(stream: true)))

        #expect(chunks.map(\.content) == ["A", "B"])
        let chunkCalls = await probe.calls.filter { $0.hasPrefix("chunk:") }
        #expect(
            chunkCalls == ["chunk:drop:a", "chunk:upper:a", "chunk:drop:secret", "chunk:drop:b", "chunk:upper:b", "chunk:drop:-", "chunk:upper:-"])
    }

    @Test func unchangedChunksKeepTheirUpstreamBytes() async throws {
        let raw = #"{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"x"}}]}"#
        let chunk = StreamChunk(json: try JSONParser.parse(raw), rawData: raw)
        let runner = runner([registered(TestGuardrail(name: "pass", probe: probe), "pass")], provider: scripted([chunk]))
        let chunks = try await collectChunks(try await runner.handle(TestContext.chatRequest(stream: true)))
        #expect(chunks.map(\.data) == [raw])
    }

    @Test func chunkRejectionEndsTheStreamWithTheErrorAndCommitsOnce() async throws {
        let block = TestGuardrail(name: "block", probe: probe) { _ in
            .proceed
        } chunkAction: { chunk in
            if chunk.content == "bad" { throw GatewayError.badRequest("Blocked output.", code: "content_blocked") }
            return chunk
        }
        let runner = runner(
            [registered(TestBudget(name: "b", probe: probe), "b"), registered(block, "block")],
            provider: scripted([.text("ok"), .text("bad"), .text("never")]))
        let response = try await runner.handle(TestContext.chatRequest(stream: true))
        guard case .stream(let stream) = response else {
            Issue.record("expected a stream")
            return
        }
        var received: [String?] = []
        let error = await #expect(throws: GatewayError.self) {
            for try await chunk in stream { received.append(chunk.content) }
        }
        #expect(error?.code == "content_blocked")
        #expect(received == ["ok"])
        let commits = await probe.commits
        #expect(commits.count == 1)
        #expect(commits.first?.outcome.error?.code == "content_blocked")
    }

    @Test func upstreamStreamFailureIs502AndCommitsOnce() async throws {
        let failing = RecordingProvider(probe: probe) { _ in
            let cursor = ChunkCursor([.text("a")])
            return .stream(
                ChunkStream {
                    {
                        if let chunk = cursor.next() { return chunk }
                        throw PluginCrash()
                    }
                })
        }
        let runner = runner([registered(TestBudget(name: "b", probe: probe), "b")], provider: failing)
        let response = try await runner.handle(TestContext.chatRequest(stream: true))
        let error = await #expect(throws: GatewayError.self) { _ = try await collectChunks(response) }
        #expect(error?.status == .badGateway)
        #expect(await probe.commits.count == 1)
        #expect(await probe.commits.first?.outcome.error?.status == .badGateway)
    }

    @Test func clientLeavingMidStreamCommitsOnce() async throws {
        let runner = runner(
            [registered(TestBudget(name: "b", probe: probe), "b")], provider: scripted([.text("a"), .text("b"), .text("c")]))
        do {
            let response = try await runner.handle(TestContext.chatRequest(stream: true))
            guard case .stream(let stream) = response else { return }
            var iterator = stream.makeAsyncIterator()
            #expect(try await iterator.next()?.content == "a")
        }
        // The response and its iterator are gone: the client left after one chunk.
        #expect(await eventually { await probe.commits.count == 1 })
        #expect(await probe.commits.first?.outcome.error?.code == "client_disconnected")
        try await Task.sleep(for: .milliseconds(50))
        #expect(await probe.commits.count == 1)
    }

    @Test func earlyStreamedAnswerPassesEarlierChunkGuardrailsAndCommitsAtItsEnd() async throws {
        let redact = TestGuardrail(name: "redact", probe: probe) { _ in
            .proceed
        } chunkAction: { chunk in
            chunk.content == "secret" ? .text("[redacted]") : chunk
        }
        let replay = TestGuardrail(name: "replay", probe: probe) { _ in .respond(.stream(ChunkStream([.text("cached"), .text("secret")]))) }
        let runner = runner(
            [registered(TestBudget(name: "b", probe: probe), "b"), registered(redact, "redact"), registered(replay, "replay")],
            provider: scripted([.text("upstream")]))
        let response = try await runner.handle(TestContext.chatRequest(stream: true))
        #expect(await probe.commits.isEmpty)

        let chunks = try await collectChunks(response)
        #expect(chunks.map(\.content) == ["cached", "[redacted]"])
        #expect(await probe.upstreamCalls.isEmpty)
        #expect(await !probe.calls.contains { $0.hasPrefix("chunk:replay") })
        #expect(await probe.commits.count == 1)
    }

    /// A stream dropped before its first chunk (the connection closed before the body was written) still
    /// releases the reservation: "commit runs exactly once ... or when the client goes away".
    @Test func streamDroppedBeforeIterationStillCommits() async throws {
        let runner = runner([registered(TestBudget(name: "b", probe: probe), "b")], provider: scripted([.text("a")]))
        _ = try await runner.handle(TestContext.chatRequest(stream: true))
        #expect(await eventually { await probe.commits.count == 1 })
    }
}
