import GatewayCore
import Testing

@testable import AnthropicMessagesDialect

/// An error a deployment of another dialect raises about the chat view of a `/v1/messages` request names the field of
/// the Messages request it came from (``AnthropicRequestTranslator/field(ofViewParam:in:)``).
struct AnthropicViewParamTests {
    /// system, a user turn (text, thinking, image), an assistant turn (text, thinking, two tool_use), a user turn of
    /// two tool results and a text. Its chat view: system, user, assistant, tool, tool, user.
    static let body: JSON = [
        "system": "be brief",
        "messages": [
            [
                "role": "user",
                "content": [
                    ["type": "text", "text": "hi"], ["type": "thinking", "thinking": "x", "signature": "s"],
                    ["type": "image", "source": ["type": "url", "url": "https://example.com/a.png"]],
                ],
            ],
            [
                "role": "assistant",
                "content": [
                    ["type": "thinking", "thinking": "y", "signature": "s"], ["type": "text", "text": "calling"],
                    ["type": "tool_use", "id": "t1", "name": "a", "input": [:]], ["type": "tool_use", "id": "t2", "name": "b", "input": [:]],
                ],
            ],
            [
                "role": "user",
                "content": [
                    ["type": "tool_result", "tool_use_id": "t1", "content": "1"], ["type": "tool_result", "tool_use_id": "t2", "content": "2"],
                    ["type": "text", "text": "and?"],
                ],
            ],
        ],
    ]

    @Test("the view's messages are this body's as the translation wrote them")
    func theFixtureHasTheViewItSays() throws {
        let view = try AnthropicRequestTranslator.openAIRequest(fromAnthropic: Self.body)
        #expect(view["messages"]?.arrayValue?.map { $0["role"]?.stringValue ?? "" } == ["system", "user", "assistant", "tool", "tool", "user"])
    }

    @Test(
        "each view path names the Messages field it came from",
        arguments: [
            ("messages[0].content", "system"), ("messages[1].content[1]", "messages[0].content[2]"),
            ("messages[1].content[0].type", "messages[0].content[0].type"), ("messages[2].tool_calls[1]", "messages[1].content[3]"),
            ("messages[2].tool_calls[0].function", "messages[1].content[2].function"), ("messages[3].content", "messages[2].content[0].content"),
            ("messages[4]", "messages[2].content[1]"), ("messages[5].content[0]", "messages[2].content[2]"), ("messages[5]", "messages[2]"),
            ("stop", "stop_sequences"), ("user", "metadata.user_id"), ("tool_choice", "tool_choice"), ("tools[0]", "tools[0]"),
            ("messages[9]", "messages[9]"), ("messages[x]", "messages[x]"),
        ])
    func viewPathsNameTheMessagesField(view: String, field: String) {
        #expect(AnthropicRequestTranslator.field(ofViewParam: view, in: Self.body) == field)
    }

    @Test("without a system prompt the first message is messages[0]")
    func withoutSystem() {
        var body = Self.body
        body["system"] = nil as JSON?
        #expect(AnthropicRequestTranslator.field(ofViewParam: "messages[0].content[1]", in: body) == "messages[0].content[2]")
    }
}
