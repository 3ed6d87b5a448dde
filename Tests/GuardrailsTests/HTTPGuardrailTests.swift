import GatewayCore
import HTTPTypes
import Testing

@testable import Guardrails

/// The `http` kind against a loopback service.
struct HTTPGuardrailTests {
    typealias Support = GuardrailTestSupport

    /// The default timeout is long enough for a loaded machine running other suites at once; the timeout test
    /// sets one well under `/slow`'s 6 s.
    private func hook(_ url: String, mode: String = "pre_call", onFailure: String = "closed", timeout: Double = 15) throws -> GuardrailEnforcer {
        try Support.enforcer([
            [
                "name": "remote", "kind": "http", "url": .string(url), "mode": .string(mode), "timeout_seconds": .double(timeout),
                "on_failure": .string(onFailure), "default_on": true,
            ]
        ])
    }

    @Test func allowPassesAndSendsTheTexts() async throws {
        try await GuardrailService.withRunning { base, service in
            var request = Support.request("hello there", id: "req-42")
            _ = try await hook(base + "/allow").preCall(&request)
            #expect(Support.userText(request) == "hello there")
            let payload = await service.payloads.first
            #expect(payload == ["guardrail": "remote", "mode": "pre_call", "texts": ["hello there"], "request_id": "req-42"])
        }
    }

    @Test func blockRejectsWithTheServicesReason() async throws {
        try await GuardrailService.withRunning { base, _ in
            var request = Support.request("hello")
            let error = await #expect(throws: GatewayError.self) { _ = try await hook(base + "/block").preCall(&request) }
            #expect(error?.message == "Blocked by guardrail 'remote': the service said no.")
            #expect(error?.type == "guardrail_violation")
        }
    }

    @Test func modifyRewritesTheRequestAndTheResponse() async throws {
        try await GuardrailService.withRunning { base, _ in
            var request = Support.request("hello")
            _ = try await hook(base + "/modify").preCall(&request)
            #expect(Support.userText(request) == "HELLO")

            let post = try hook(base + "/modify", mode: "post_call")
            var second = Support.request("hi", id: "req-2")
            _ = try await post.preCall(&second)
            var response = Support.response("quiet answer")
            try await post.postCall(second, response: &response)
            #expect(response["choices"]?[0]?["message"]?["content"] == "QUIET ANSWER")
        }
    }

    @Test func aTimeoutFailsOpenOrClosedAsConfigured() async throws {
        try await GuardrailService.withRunning { base, _ in
            // Had the answer been waited for, the text would read TOO LATE.
            var open = Support.request("hello")
            _ = try await hook(base + "/slow", onFailure: "open", timeout: 1).preCall(&open)
            #expect(Support.userText(open) == "hello")

            var closed = Support.request("hello")
            let error = await #expect(throws: GatewayError.self) { _ = try await hook(base + "/slow", timeout: 1).preCall(&closed) }
            #expect(error?.status == .serviceUnavailable)
            #expect(error?.code == "guardrail_unavailable")
        }
    }

    @Test func anErrorStatusOrARefusedConnectionIsAFailure() async throws {
        try await GuardrailService.withRunning { base, _ in
            var broken = Support.request("hello")
            await #expect(throws: GatewayError.self) { _ = try await hook(base + "/broken").preCall(&broken) }
        }
        var refused = Support.request("hello")
        _ = try await hook("http://127.0.0.1:1/x", onFailure: "open").preCall(&refused)
        await #expect(throws: GatewayError.self) { _ = try await hook("http://127.0.0.1:1/x").preCall(&refused) }
    }

    @Test func aStreamIsCheckedWholeWhenItsChoiceFinishes() async throws {
        try await GuardrailService.withRunning { base, service in
            let post = try hook(base + "/block", mode: "post_call")
            var request = Support.request("hi")
            _ = try await post.preCall(&request)
            _ = try await post.inspectChunk(request, chunk: Support.chunk("one "))
            _ = try await post.inspectChunk(request, chunk: Support.chunk("two"))
            await #expect(throws: GatewayError.self) { _ = try await post.inspectChunk(request, chunk: Support.chunk(nil, finish: true)) }
            #expect(await service.payloads.last?["texts"] == ["one two"])
        }
    }
}
