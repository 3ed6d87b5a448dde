import GatewayCore
import Testing

@testable import OpenAIResponsesDialect

/// An error a deployment raises about the chat view of a `/v1/responses` request names the Responses field it came
/// from (``ResponsesRequestTranslator/field(ofViewParam:in:history:)``).
struct ViewParamTests {
    /// instructions; input: a user message, a reasoning item, two function calls, their outputs, an assistant message
    /// and a function call after it. Its chat view: system, user, assistant (2 calls), tool, tool, assistant (1 call).
    static let body: JSON = [
        "instructions": "be brief",
        "input": [
            ["type": "message", "role": "user", "content": [["type": "input_text", "text": "a"], ["type": "input_text", "text": "b"]]],
            ["type": "reasoning", "id": "rs_1", "summary": []],
            ["type": "function_call", "call_id": "c1", "name": "f", "arguments": "{}"],
            ["type": "function_call", "call_id": "c2", "name": "g", "arguments": "{}"],
            ["type": "function_call_output", "call_id": "c1", "output": "1"],
            ["type": "function_call_output", "call_id": "c2", "output": "2"],
            ["type": "message", "role": "assistant", "content": "ok"],
            ["type": "function_call", "call_id": "c3", "name": "f", "arguments": "{}"],
        ],
    ]

    @Test("the view's messages are this body's as the translation wrote them")
    func theFixtureHasTheViewItSays() throws {
        let view = try ResponsesRequestTranslator.translate(Self.body).chat
        let messages = try #require(view["messages"]?.arrayValue)
        #expect(messages.map { $0["role"]?.stringValue ?? "" } == ["system", "user", "assistant", "tool", "tool", "assistant"])
        #expect(messages[5]["tool_calls"]?.arrayValue?.count == 1)
    }

    @Test(
        "each view path names the Responses field it came from",
        arguments: [
            ("messages[0]", "instructions"), ("messages[1].content[1]", "input[0].content[1]"), ("messages[2].tool_calls[1]", "input[3]"),
            ("messages[2].tool_calls[0].function", "input[2].function"), ("messages[3]", "input[4]"), ("messages[4].content", "input[5].content"),
            ("messages[5].tool_calls[0]", "input[7]"), ("response_format", "text.format"), ("verbosity", "text.verbosity"),
            ("reasoning_effort", "reasoning.effort"), ("max_completion_tokens", "max_output_tokens"), ("tools[0]", "tools[0]"),
            ("messages[9]", "messages[9]"),
        ])
    func viewPathsNameTheResponsesField(view: String, field: String) {
        #expect(ResponsesRequestTranslator.field(ofViewParam: view, in: Self.body) == field)
    }

    @Test("a string input is input, and the stored conversation is previous_response_id")
    func stringInputAndHistory() {
        let history: [JSON] = [
            ["type": "message", "role": "user", "content": [["type": "input_text", "text": "q"]]],
            ["type": "message", "role": "assistant", "content": [["type": "output_text", "text": "a"]]],
        ]
        let body: JSON = ["input": "next"]
        #expect(ResponsesRequestTranslator.field(ofViewParam: "messages[1].content", in: body, history: history) == "previous_response_id")
        #expect(ResponsesRequestTranslator.field(ofViewParam: "messages[2].content", in: body, history: history) == "input")
    }
}
