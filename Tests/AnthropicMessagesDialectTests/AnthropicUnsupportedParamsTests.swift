import HTTPTypes
import Testing

@testable import AnthropicMessagesDialect
@testable import GatewayCore

/// OpenAI chat to Anthropic never drops a parameter silently: it is mapped, refused with a 400 naming it, or dropped
/// because `drop_params` says so.
struct AnthropicUnsupportedParamsTests {
    static let base: JSON = ["model": "m", "messages": [["role": "user", "content": "hi"]], "max_tokens": 100]

    static func translate(_ extra: JSON, drop: Bool = false) throws -> JSON {
        var body = base
        for (key, value) in extra.objectValue ?? [:] { body[key] = value }
        return try AnthropicRequestTranslator.anthropicRequest(fromOpenAI: body, upstreamModel: "claude-x", dropUnsupported: drop)
    }

    static func refusal(_ extra: JSON) -> GatewayError? {
        do {
            _ = try translate(extra)
            return nil
        } catch {
            return error as? GatewayError
        }
    }

    @Test(
        "a parameter Anthropic cannot express is refused with a 400 naming it",
        arguments: ["seed", "logprobs", "presence_penalty", "modalities", "prediction", "store", "future_field"])
    func refused(_ name: String) throws {
        let error = try #require(Self.refusal([name: 1]))
        #expect(error.status == .badRequest && error.param == name && error.code == "unsupported_params")
        #expect(error.message.contains("drop_params"))
    }

    @Test func partlyExpressibleValuesAreCheckedByValue() throws {
        #expect(Self.refusal(["n": 1, "response_format": ["type": "text"]]) == nil)
        #expect(Self.refusal(["n": 2])?.param == "n")
        #expect(Self.refusal(["response_format": ["type": "json_schema", "json_schema": ["name": "x"]]])?.param == "response_format")
        #expect(Self.refusal(["reasoning_effort": "extreme"])?.param == "reasoning_effort")
    }

    @Test func gatewayFieldsAndNullsAreNotParameters() throws {
        #expect(Self.refusal(["metadata": ["tags": ["a"]], "fallbacks": ["b"], "stream_options": ["include_usage": true], "seed": nil]) == nil)
    }

    @Test func dropParamsDropsThem() throws {
        let sent = try Self.translate(["seed": 7, "n": 3, "response_format": ["type": "json_object"]], drop: true)
        #expect(sent["seed"] == nil && sent["n"] == nil && sent["response_format"] == nil)
    }

    @Test func reasoningEffortBecomesAThinkingBudget() throws {
        let sent = try Self.translate(["reasoning_effort": "medium"])
        #expect(sent["thinking"] == ["type": "enabled", "budget_tokens": 2048])
        #expect(sent["max_tokens"] == .int(2048 + AnthropicRequestTranslator.defaultMaxTokens), "raised past the budget")
        let own = try Self.translate(["thinking": ["type": "enabled", "budget_tokens": 50], "reasoning_effort": "high"])
        #expect(own["thinking"]?["budget_tokens"] == 50, "the request's own thinking wins")
        #expect(own["max_tokens"] == 100)
        #expect(try Self.translate(["reasoning_effort": "none"])["thinking"] == nil)
    }
}
