import GatewayCore
import Testing

@testable import Guardrails

/// Post-call guardrails on streamed chunks, with the sliding window.
struct StreamWindowTests {
    typealias Support = GuardrailTestSupport

    private func started(_ entries: [JSON], id: String = "req-1") async throws -> (GuardrailEnforcer, GatewayRequest) {
        let hook = try Support.enforcer(entries)
        var request = Support.request("hello", id: id)
        _ = try await hook.preCall(&request)
        return (hook, request)
    }

    @Test func aKeywordSplitAcrossChunksEndsTheStream() async throws {
        let (hook, request) = try await started([
            ["name": "words", "kind": "keywords", "keywords": ["launch code"], "mode": "post_call", "default_on": true]
        ])
        #expect(Support.text(of: try await hook.inspectChunk(request, chunk: Support.chunk("the laun"))) == "the laun")
        let error = await #expect(throws: GatewayError.self) { _ = try await hook.inspectChunk(request, chunk: Support.chunk("ch code is")) }
        #expect(error?.type == "guardrail_violation")
        #expect(error?.message.contains("split across stream chunks") == true)
        #expect(hook.states.count == 0)
    }

    @Test func aPatternSplitOverSeveralChunksIsCaught() async throws {
        let (hook, request) = try await started([["name": "no-pii", "kind": "pii", "entities": ["email"], "mode": "post_call", "default_on": true]])
        for piece in ["write ", "to bob", "@exa"] { _ = try await hook.inspectChunk(request, chunk: Support.chunk(piece)) }
        await #expect(throws: GatewayError.self) { _ = try await hook.inspectChunk(request, chunk: Support.chunk("mple.com now")) }
    }

    @Test func aMatchInsideOneChunkIsMasked() async throws {
        let (hook, request) = try await started([
            ["name": "mask", "kind": "pii", "entities": ["email"], "action": "mask", "mode": "post_call", "default_on": true]
        ])
        let chunk = try await hook.inspectChunk(request, chunk: Support.chunk("mail bob@example.com "))
        #expect(Support.text(of: chunk) == "mail [EMAIL] ")
        // The masked text in the window does not match again.
        #expect(Support.text(of: try await hook.inspectChunk(request, chunk: Support.chunk("thanks"))) == "thanks")
    }

    @Test func unchangedChunksKeepTheirBytesAndStateEndsWithTheStream() async throws {
        let (hook, request) = try await started([
            ["name": "words", "kind": "keywords", "keywords": ["forbidden"], "mode": "post_call", "default_on": true]
        ])
        let raw = StreamChunk(json: Support.chunk("fine").json, rawData: "RAW")
        #expect(try await hook.inspectChunk(request, chunk: raw)?.data == "RAW")
        #expect(hook.states.count == 1)
        _ = try await hook.inspectChunk(request, chunk: Support.chunk(nil, finish: true))
        #expect(hook.states.count == 0)
    }

    @Test func textOlderThanTheWindowIsForgotten() async throws {
        let hook = try Support.enforcer(
            [["name": "re", "kind": "regex", "patterns": ["a.{20}b"], "mode": "post_call", "default_on": true]], streamWindow: 8)
        var request = Support.request("hello")
        _ = try await hook.preCall(&request)
        _ = try await hook.inspectChunk(request, chunk: Support.chunk("a" + String(repeating: "x", count: 15)))
        // The window (8 characters) no longer holds the "a", so the pattern cannot complete.
        #expect(try await hook.inspectChunk(request, chunk: Support.chunk("xxxxxb")) != nil)
    }
}
