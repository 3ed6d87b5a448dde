import BedrockProvider
import GatewayCore
import Testing

/// OpenAI chat → Converse, by direct calls: the parts the loopback tests do not reach.
struct BedrockConverseRequestTests {
    static func converse(_ body: JSON, drop: Bool = false) throws -> JSON {
        try BedrockConverseRequest.converseBody(fromOpenAI: body, model: "claude-bedrock", dropUnsupported: drop)
    }

    @Test func imagesFromDataURLsBecomeImageBlocks() throws {
        let request = try Self.converse([
            "messages": [
                [
                    "role": "user",
                    "content": [
                        ["type": "text", "text": "What is it?"], ["type": "image_url", "image_url": ["url": "data:image/png;base64,iVBORw0KGgo="]],
                    ],
                ]
            ]
        ])
        #expect(
            request["messages"]?[0]?["content"] == [
                ["text": "What is it?"], ["image": ["format": "png", "source": ["bytes": "iVBORw0KGgo="]]],
            ])
    }

    @Test func imagesConverseCannotTakeAreRefusedNamingThePart() throws {
        for url in ["https://example.com/cat.png", "data:image/bmp;base64,Qk0=", "data:image/png;base64,@@@"] {
            let error = try #require(throws: GatewayError.self) {
                try Self.converse(["messages": [["role": "user", "content": [["type": "image_url", "image_url": ["url": .string(url)]]]]]])
            }
            #expect(error.param == "messages[0].content[0]")
        }
    }

    @Test func cacheControlBecomesACachePoint() throws {
        let cached: JSON = ["type": "text", "text": "Long context", "cache_control": ["type": "ephemeral"]]
        let request = try Self.converse([
            "messages": [["role": "system", "content": [cached]], ["role": "user", "content": [cached, ["type": "text", "text": "Q"]]]]
        ])
        #expect(request["system"] == [["text": "Long context"], ["cachePoint": ["type": "default"]]])
        #expect(request["messages"]?[0]?["content"] == [["text": "Long context"], ["cachePoint": ["type": "default"]], ["text": "Q"]])
        let toolResult = try #require(throws: GatewayError.self) {
            try Self.converse(["messages": [["role": "tool", "tool_call_id": "c", "content": [cached]]]])
        }
        #expect(toolResult.param == "messages[0].content")
    }

    @Test func inferenceConfigAndModelFields() throws {
        let request = try Self.converse([
            "messages": [["role": "user", "content": "Hi"]], "max_completion_tokens": 50, "max_tokens": 10, "stop": ["a", "b"], "top_k": 5,
            "additionalModelRequestFields": ["anthropic_beta": ["x"]],
        ])
        #expect(request["inferenceConfig"] == ["maxTokens": 50, "stopSequences": ["a", "b"]])
        #expect(request["additionalModelRequestFields"] == ["top_k": 5, "anthropic_beta": ["x"]])
        #expect(request["inferenceConfig"] != nil)
        #expect(try Self.converse(["messages": []])["inferenceConfig"] == nil)
    }

    @Test func toolChoiceMapsOrIsRefused() throws {
        let tools: JSON = [["type": "function", "function": ["name": "weather"]]]
        func choice(_ value: JSON) throws -> JSON? {
            try Self.converse(["messages": [], "tools": tools, "tool_choice": value])["toolConfig"]?["toolChoice"]
        }
        #expect(try choice("auto") == ["auto": [:]])
        #expect(try choice("required") == ["any": [:]])
        #expect(try choice(["type": "function", "function": ["name": "weather"]]) == ["tool": ["name": "weather"]])
        let none = try #require(throws: GatewayError.self) { try choice("none") }
        #expect(none.code == "unsupported_params")
        #expect(none.param == "tool_choice")
        // Dropped with drop_params: tools stay declared, no choice is sent.
        let dropped = try Self.converse(["messages": [], "tools": tools, "tool_choice": "none"], drop: true)
        #expect(dropped["toolConfig"]?["toolChoice"] == nil)
        #expect(dropped["toolConfig"]?["tools"]?[0]?["toolSpec"]?["inputSchema"] == ["json": ["type": "object", "properties": [:]]])
    }

    @Test func malformedMessagesAreRefusedNamingThem() throws {
        let role = try #require(throws: GatewayError.self) { try Self.converse(["messages": [["role": "function", "content": "x"]]]) }
        #expect(role.param == "messages[0].role")
        let result = try #require(throws: GatewayError.self) { try Self.converse(["messages": [["role": "tool", "content": "x"]]]) }
        #expect(result.param == "messages[0].tool_call_id")
        let n = try #require(throws: GatewayError.self) { try Self.converse(["messages": [], "n": 2]) }
        #expect(n.param == "n")
        #expect(try Self.converse(["messages": [], "n": 1])["messages"] == [])
        // `n: 1` sorts first but hides nothing after it.
        let seed = try #require(throws: GatewayError.self) { try Self.converse(["messages": [], "n": 1, "seed": 7]) }
        #expect(seed.param == "seed")
        let blank = try Self.converse(["messages": [["role": "user", "content": [["type": "text", "text": ""], ["type": "text", "text": "Hi"]]]]])
        #expect(blank["messages"]?[0]?["content"] == [["text": "Hi"]])
    }
}
