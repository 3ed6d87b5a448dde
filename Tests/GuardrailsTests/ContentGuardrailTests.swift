import GatewayCore
import HTTPTypes
import Testing

@testable import Guardrails

/// `keywords`, `regex`, `pii` and `max_input` through the hook's pre-call and post-call paths.
struct ContentGuardrailTests {
    typealias Support = GuardrailTestSupport

    @Test func keywordsBlockCaseInsensitively() async throws {
        let hook = try Support.enforcer([["name": "words", "kind": "keywords", "keywords": ["Project Falcon"], "default_on": true]])
        var request = Support.request("tell me about project FALCON please")
        let error = await #expect(throws: GatewayError.self) { _ = try await hook.preCall(&request) }
        #expect(error?.status == .badRequest)
        #expect(error?.type == "guardrail_violation")
        #expect(error?.code == "guardrail_violation")
        #expect(error?.message == "Blocked by guardrail 'words': the text contains a blocked keyword.")
        #expect(request.responseHeaders.all[GuardrailEnforcer.header] == "words")
    }

    @Test func keywordsMaskEveryOccurrence() async throws {
        let hook = try Support.enforcer([
            ["name": "words", "kind": "keywords", "keywords": ["falcon", "eagle"], "action": "mask", "default_on": true]
        ])
        var request = Support.request("Falcon and eagle and falcon")
        _ = try await hook.preCall(&request)
        #expect(Support.userText(request) == "[REDACTED] and [REDACTED] and [REDACTED]")
    }

    @Test func regexBlocksAndMasksWithAPlaceholder() async throws {
        let blocking = try Support.enforcer([["name": "ids", "kind": "regex", "patterns": ["EMP-\\d{6}"], "default_on": true]])
        var blocked = Support.request("employee EMP-123456")
        let error = await #expect(throws: GatewayError.self) { _ = try await blocking.preCall(&blocked) }
        #expect(error?.message.contains("EMP-123456") == false)
        #expect(error?.message == "Blocked by guardrail 'ids': the text contains a blocked pattern.")

        let masking = try Support.enforcer([
            ["name": "ids", "kind": "regex", "patterns": ["EMP-\\d{6}"], "action": "mask", "mask_with": "[EMPLOYEE]", "default_on": true]
        ])
        var masked = Support.request("employee EMP-123456 and EMP-654321")
        _ = try await masking.preCall(&masked)
        #expect(Support.userText(masked) == "employee [EMPLOYEE] and [EMPLOYEE]")
    }

    @Test func piiBlockNamesTheEntitiesNotTheValues() async throws {
        let hook = try Support.enforcer([["name": "no-pii", "kind": "pii", "default_on": true]])
        var request = Support.request("I am bob@example.com, card 4111 1111 1111 1111")
        let error = await #expect(throws: GatewayError.self) { _ = try await hook.preCall(&request) }
        #expect(error?.message == "Blocked by guardrail 'no-pii': the text contains email and credit card.")
    }

    @Test func piiMasksTextPartsPromptAndInput() async throws {
        let hook = try Support.enforcer([["name": "no-pii", "kind": "pii", "action": "mask", "default_on": true]])
        var request = GatewayRequest(
            id: "r", endpoint: .chatCompletions,
            body: [
                "model": "m",
                "messages": [
                    ["role": "user", "content": [["type": "text", "text": "mail bob@example.com"], ["type": "image_url", "image_url": "x"]]]
                ],
                "prompt": "ssn 123-45-6789", "input": ["ip 10.1.2.3", "plain"],
            ], receivedAtDate: 0)
        _ = try await hook.preCall(&request)
        #expect(request.body["messages"]?[0]?["content"]?[0]?["text"] == "mail [EMAIL]")
        #expect(request.body["messages"]?[0]?["content"]?[1]?["image_url"] == "x")
        #expect(request.body["prompt"] == "ssn [US_SSN]")
        #expect(request.body["input"] == ["ip [IP_ADDRESS]", "plain"])
    }

    @Test func maxInputCapsCharactersAndTokens() async throws {
        let characters = try Support.enforcer([["name": "cap", "kind": "max_input", "max_characters": 10, "default_on": true]])
        var short = Support.request("0123456789")
        _ = try await characters.preCall(&short)
        var long = Support.request("0123456789A")
        let error = await #expect(throws: GatewayError.self) { _ = try await characters.preCall(&long) }
        #expect(error?.message == "Blocked by guardrail 'cap': the input has 11 characters, over the limit of 10.")

        let tokens = try Support.enforcer([["name": "cap", "kind": "max_input", "max_tokens": 2, "mode": "during_call", "default_on": true]])
        var eight = Support.request("12345678")
        _ = try await tokens.preCall(&eight)
        var nine = Support.request("123456789")
        await #expect(throws: GatewayError.self) { _ = try await tokens.preCall(&nine) }
    }

    @Test func postCallBlocksAndMasksACompleteResponse() async throws {
        let hook = try Support.enforcer([
            ["name": "mask-mail", "kind": "pii", "entities": ["email"], "action": "mask", "mode": "post_call", "default_on": true],
            ["name": "no-ssn", "kind": "pii", "entities": ["us_ssn"], "mode": "post_call", "default_on": true],
        ])
        var request = Support.request("hi")
        _ = try await hook.preCall(&request)
        var response = Support.response("write to bob@example.com")
        try await hook.postCall(request, response: &response)
        #expect(response["choices"]?[0]?["message"]?["content"] == "write to [EMAIL]")
        #expect(hook.states.count == 0)

        var second = Support.request("hi", id: "req-2")
        _ = try await hook.preCall(&second)
        var leaking = Support.response("it is 123-45-6789")
        await #expect(throws: GatewayError.self) { try await hook.postCall(second, response: &leaking) }
    }

    @Test func duringCallRunsBeforeTheCallAndOnlyBlocks() async throws {
        let hook = try Support.enforcer([["name": "words", "kind": "keywords", "keywords": ["secret"], "mode": "during_call", "default_on": true]])
        var request = Support.request("a secret")
        await #expect(throws: GatewayError.self) { _ = try await hook.preCall(&request) }
    }
}
