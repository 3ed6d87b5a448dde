import Testing

@testable import GatewayCore

/// The dialect-neutral view hooks read: texts with where they live, tools, settings; and the answer's texts, tool
/// calls and usage.
struct RequestViewTests {
    static let chat: JSON = [
        "model": "m", "stream": true, "user": "cust-1", "max_tokens": 50, "metadata": ["tags": ["a", 1, "b"]],
        "messages": [
            ["role": "system", "content": "Be brief."],
            ["role": "user", "content": [["type": "text", "text": "Hi"], ["type": "image_url", "image_url": ["url": "https://x/y.png"]]]],
            ["role": "assistant", "tool_calls": [["id": "c1", "type": "function", "function": ["name": "f", "arguments": "{\"a\":1}"]]]],
        ],
        "tools": [["type": "function", "function": ["name": "f"]]], "functions": [["name": "g"]], "tool_choice": "required",
    ]

    @Test func textsCarryTheirPlace() {
        let view = RequestView(Self.chat)
        #expect(view.texts.map(\.text) == ["Be brief.", "Hi", "{\"a\":1}"])
        #expect(
            view.texts.map(\.path.description) == [
                "messages[0].content", "messages[1].content[0].text", "messages[2].tool_calls[0].function.arguments",
            ])
        #expect(view.texts.allSatisfy { $0.field == "messages" })
        #expect(RequestView(["prompt": ["one", "two"]]).texts.map(\.path.description) == ["prompt[0]", "prompt[1]"])
        #expect(RequestView(["input": "x"]).texts.first?.field == "input")
    }

    @Test func settingsAndTools() {
        let view = RequestView(Self.chat)
        #expect(view.tools.count == 2 && view.tools[1]["function"]?["name"] == "g", "legacy functions in the tools shape")
        #expect(view.toolChoice == "required")
        #expect(view.maxOutputTokens == 50 && view.stream && view.endUser == "cust-1" && view.model == "m")
        #expect(view.tags == ["a", "b"])
    }

    @Test func aTextIsReplacedWhereItLives() {
        var request = GatewayRequest(id: "r", endpoint: .chatCompletions, body: Self.chat, receivedAtDate: 0)
        let hi = request.view.texts[1]
        request.replaceText(at: hi.path, with: "[masked]")
        #expect(request.body["messages"]?[1]?["content"]?[0]?["text"] == "[masked]")
        #expect(request.view.texts.map(\.text) == ["Be brief.", "[masked]", "{\"a\":1}"])
        let nowhere = JSONPath([.key("messages"), .index(9), .key("content")])
        #expect(request.body.replacing(at: nowhere, with: "x") == request.body, "a path that leads nowhere changes nothing")
    }

    @Test func theAnswersView() {
        let answer: JSON = [
            "choices": [
                ["index": 0, "message": ["role": "assistant", "content": "Hello", "reasoning_content": "thinking…"]],
                ["index": 1, "message": ["role": "assistant", "tool_calls": [["function": ["name": "f", "arguments": "{}"]]]]],
            ],
            "usage": ["prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5],
        ]
        let view = AnswerView(answer)
        #expect(view.texts == ["Hello"] && view.reasoning == ["thinking…"])
        #expect(view.toolCalls == [AnswerView.ToolCall(name: "f", arguments: "{}")])
        #expect(view.usage?.promptTokens == 3)
        #expect(AnswerView(["choices": [["delta": ["content": "He"]]]]).texts == ["He"], "a streamed chunk's delta")
        #expect(AnswerView(["choices": [["text": "legacy"]]]).texts == ["legacy"], "a text completion")
    }
}
