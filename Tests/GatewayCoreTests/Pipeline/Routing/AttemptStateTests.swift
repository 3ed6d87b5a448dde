import Foundation
import NIOHTTP1
import Testing

@testable import GatewayCore

/// The attempt loop's pure parts: order levels, the fallback chain, candidate choice, backoff, failure kinds.
struct AttemptStateTests {
    private func deployment(_ id: String, order: Int? = nil) -> Deployment {
        Deployment(id: id, modelName: "m", provider: "fake", upstreamModel: "u", order: order)
    }

    // MARK: Order levels

    /// LiteLLM's `_target_order` finding: with orders 1, 2, 3, the levels are tried 1, 2, 3, each once.
    @Test func levelsAreTriedLowestFirstEachOnceNoneSkipped() {
        var levels = OrderLevels([
            deployment("c", order: 3), deployment("x"), deployment("a", order: 1), deployment("b", order: 2), deployment("a2", order: 1),
        ])
        var visited: [Int?] = []
        while let level = levels.current {
            visited.append(level.order)
            levels.advance()
        }
        #expect(visited == [1, 2, 3, nil])
        #expect(levels.tried.map(\.order) == [1, 2, 3, nil])
        #expect(levels.advance() == nil)
    }

    // MARK: Fallback chain

    @Test func fallbacksAreDepthFirstEachGroupOnceUpToMax() {
        let settings = RouterSettings(fallbacks: ["a": ["b", "c"], "b": ["d", "a"], "c": ["b"]], maxFallbacks: 3)
        var chain = FallbackChain(primary: "a", settings: settings)
        var order: [String] = []
        while let group = chain.next(usable: { _ in true }) {
            order.append(group)
            chain.failed(group, failure: .retryable)
        }
        #expect(order == ["a", "b", "d", "c"])
        #expect(chain.fallbacksUsed == 3)
    }

    @Test func maxFallbacksStopsTheChainAndSkippedGroupsDoNotCount() {
        let settings = RouterSettings(fallbacks: ["a": ["x", "b", "c", "d"]], maxFallbacks: 2)
        var chain = FallbackChain(primary: "a", settings: settings)
        var order: [String] = []
        while let group = chain.next(usable: { $0 != "x" }) {
            order.append(group)
            chain.failed(group, failure: .retryable)
        }
        #expect(order == ["a", "b", "c"])
    }

    @Test func requestFallbacksReplaceTheConfiguredOnesOfTheRequestedGroup() {
        let settings = RouterSettings(fallbacks: ["a": ["b"]], contextWindowFallbacks: ["a": ["long"]])
        var chain = FallbackChain(primary: "a", settings: settings, requestFallbacks: ["z"])
        #expect(chain.next { _ in true } == "a")
        chain.failed("a", failure: .retryable)
        #expect(chain.next { _ in true } == "z")
        chain.failed("z", failure: .final)
        #expect(chain.next { _ in true } == nil)

        var context = FallbackChain(primary: "a", settings: settings, requestFallbacks: ["z"])
        _ = context.next { _ in true }
        context.failed("a", failure: .contextWindow)
        #expect(context.next { _ in true } == "long")
    }

    // MARK: Candidates

    @Test func untriedCandidatesComeFirst() {
        let candidates = [deployment("d1"), deployment("d2"), deployment("d3")]
        #expect(CandidatePicker.pick(candidates, tried: ["d1"], ordered: true)?.id == "d2")
        #expect(CandidatePicker.pick(candidates, tried: ["d1", "d2", "d3"], ordered: true)?.id == "d1")
        // Without an ordering hook: simple-shuffle among the untried only.
        for random in [0.0, 0.4, 0.99] {
            #expect(CandidatePicker.pick(candidates, tried: ["d2"], ordered: false, random: random)?.id != "d2")
        }
        #expect(CandidatePicker.pick([], tried: [], ordered: true) == nil)
    }

    // MARK: Backoff

    @Test func backoffDoublesWithJitterAboveTheFloorAndHonoursTheUpstream() {
        let settings = RouterSettings(retryAfter: 0.5, maxBackoff: 10)
        #expect(Backoff.delay(retry: 0, upstreamRetryAfter: nil, settings: settings, random: 1) == 0.5)
        #expect(Backoff.delay(retry: 2, upstreamRetryAfter: nil, settings: settings, random: 0) == 0.5)
        #expect(Backoff.delay(retry: 2, upstreamRetryAfter: nil, settings: settings, random: 1) == 2)
        #expect(Backoff.delay(retry: 30, upstreamRetryAfter: nil, settings: settings, random: 1) == 10)
        #expect(Backoff.delay(retry: 0, upstreamRetryAfter: 3, settings: settings, random: 0) == 3)
        #expect(Backoff.delay(retry: 0, upstreamRetryAfter: 3600, settings: settings, random: 0) == 10)
        #expect(Backoff.delay(retry: 0, upstreamRetryAfter: 0.1, settings: settings, random: 0) == 0.5)
    }

    // MARK: Failure kinds

    @Test func failureKinds() {
        let deployment = deployment("d1")
        let openAIContext =
            #"{"error": {"message": "This model's maximum context length is 8192 tokens.", "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}"#
        let anthropicContext =
            #"{"type": "error", "error": {"type": "invalid_request_error", "message": "prompt is too long: 208310 tokens > 200000 maximum"}}"#
        let policy =
            #"{"error": {"message": "Your request was rejected as a result of our safety system.", "type": "invalid_request_error", "param": null, "code": "content_policy_violation"}}"#
        let azure = #"{"error": {"message": "The response was filtered", "type": null, "param": "prompt", "code": "content_filter", "status": 400}}"#
        let plain =
            #"{"error": {"message": "Invalid value for 'temperature'.", "type": "invalid_request_error", "param": "temperature", "code": null}}"#
        func kind(_ status: Int, _ body: String) -> FailureKind {
            FailureKind(UpstreamFailure.gatewayError(status: status, body: body, deployment: deployment))
        }
        #expect(kind(400, openAIContext) == .contextWindow)
        #expect(kind(400, anthropicContext) == .contextWindow)
        #expect(kind(400, policy) == .contentPolicy)
        #expect(kind(400, azure) == .contentPolicy)
        #expect(kind(400, plain) == .final)
        for status in [401, 403, 404, 422] { #expect(kind(status, plain) == .final, "\(status)") }
        for status in [429, 500, 502, 503, 504, 408] { #expect(kind(status, plain) == .retryable, "\(status)") }
        #expect(FailureKind(UpstreamFailure.timeout(deployment)) == .retryable)
        #expect(FailureKind(.badGateway("x", code: "upstream_unreachable")) == .retryable)
        #expect(FailureKind(.rateLimited("budget")) == .retryable)
        #expect(FailureKind(.internalError("x")) == .final)
        #expect(UpstreamFailure.gatewayError(status: 400, body: openAIContext, deployment: deployment).code == "context_length_exceeded")
    }

    @Test func upstreamRetryAfterHeader() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(UpstreamRetryAfter.seconds(from: "2", now: now) == 2)
        #expect(UpstreamRetryAfter.seconds(from: "0.5", now: now) == 0.5)
        #expect(UpstreamRetryAfter.seconds(from: "-3", now: now) == nil)
        #expect(UpstreamRetryAfter.seconds(from: "soon", now: now) == nil)
        #expect(UpstreamRetryAfter.seconds(from: "Wed, 21 Oct 2015 07:28:30 GMT", now: now) == 30)
        #expect(UpstreamRetryAfter.seconds(from: "1e308", now: now) == UpstreamRetryAfter.maximumSeconds)
        // Found by the time fuzzer: Foundation's DateFormatter trapped on this ("Incorrect range CFRange").
        #expect(UpstreamRetryAfter.seconds(from: "Wed, 21 Oct 2015 07:28:\u{64B}x 07:280 GMT", now: now) == nil)
        var headers = HTTPHeaders()
        headers.add(name: "retry-after-ms", value: "250")
        headers.add(name: "retry-after", value: "9")
        #expect(UpstreamRetryAfter.seconds(in: headers) == 0.25)
    }
}
