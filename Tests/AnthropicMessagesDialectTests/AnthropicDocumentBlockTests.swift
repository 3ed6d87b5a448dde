import Testing

@testable import AnthropicMessagesDialect
@testable import GatewayCore

/// A `document` block of a `/v1/messages` user turn: accepted (it goes as sent to a deployment that speaks Anthropic's
/// dialect), shown to the hooks as text when it is plain text, and named as untranslated so that a chat deployment
/// refuses it unless `drop_params`, never gets it silently dropped.
struct AnthropicDocumentBlockTests {
    static let body: JSON = [
        "model": "m", "max_tokens": 100,
        "messages": [
            ["role": "user", "content": "first"], ["role": "assistant", "content": "ok"],
            [
                "role": "user",
                "content": [
                    [
                        "type": "document", "source": ["type": "text", "media_type": "text/plain", "data": "Paris is in France."],
                        "citations": ["enabled": true],
                    ],
                    ["type": "document", "source": ["type": "base64", "media_type": "application/pdf", "data": "JVBERi0="]],
                    ["type": "text", "text": "Where is Paris?"],
                ],
            ],
        ],
    ]

    @Test func aTextDocumentIsTextInTheViewAndAPDFIsNot() throws {
        let view = try AnthropicRequestTranslator.openAIRequest(fromAnthropic: Self.body)
        #expect(
            view["messages"]?[2]?["content"] == [["type": "text", "text": "Paris is in France."], ["type": "text", "text": "Where is Paris?"]])
    }

    @Test func everyDocumentIsUntranslated() {
        #expect(AnthropicRequestTranslator.untranslatedFields(of: Self.body) == ["messages[2].content[0]", "messages[2].content[1]"])
        var withThinking = Self.body
        withThinking["thinking"] = ["type": "enabled", "budget_tokens": 1024]
        #expect(AnthropicRequestTranslator.untranslatedFields(of: withThinking) == ["thinking", "messages[2].content[0]", "messages[2].content[1]"])
    }

    @Test func anImageInAToolResultIsUntranslated() {
        let body: JSON = [
            "model": "m", "max_tokens": 100,
            "messages": [
                ["role": "user", "content": "look"],
                ["role": "assistant", "content": [["type": "tool_use", "id": "t1", "name": "screenshot", "input": [:]]]],
                [
                    "role": "user",
                    "content": [
                        [
                            "type": "tool_result", "tool_use_id": "t1",
                            "content": [
                                ["type": "text", "text": "here"],
                                ["type": "image", "source": ["type": "base64", "media_type": "image/png", "data": "iVBO"]],
                            ],
                        ]
                    ],
                ],
            ],
        ]
        #expect(AnthropicRequestTranslator.untranslatedFields(of: body) == ["messages[2].content[0].content[1]"])
    }
}
