import GatewayCore
import HTTPTypes
import Testing

@testable import CohereProvider

/// ``CohereChatRequest``: each OpenAI feature as Cohere v2 takes it, and each parameter v2 cannot express refused
/// with 400 `unsupported_params` naming it (dropped under `drop_params`).
struct CohereChatRequestTests {
    static func body(_ extra: [String: JSON] = [:], messages: JSON = [["role": "user", "content": "Hi"]]) -> JSON {
        var body: JSON = ["model": "command-a-03-2025", "messages": messages]
        for (key, value) in extra { body[key] = value }
        return body
    }

    static func translate(_ body: JSON, drop: Bool = false) throws -> JSON {
        try CohereChatRequest.cohereBody(fromOpenAI: body, deploymentName: "cmd", dropUnsupported: drop)
    }

    @Test func samplingParametersTakeCohereNames() throws {
        let out = try Self.translate(
            Self.body([
                "max_completion_tokens": 64, "temperature": 0.2, "top_p": 0.9, "top_k": 40, "stop": "END", "seed": 7, "frequency_penalty": 0.1,
                "presence_penalty": 0.3, "stream": true, "user": "end-user-1", "metadata": ["tags": ["a"]], "n": 1,
            ]))
        #expect(out["max_tokens"] == 64)
        #expect(out["temperature"] == 0.2)
        #expect(out["p"] == 0.9)
        #expect(out["k"] == 40)
        #expect(out["stop_sequences"] == ["END"])
        #expect(out["seed"] == 7)
        #expect(out["frequency_penalty"] == 0.1)
        #expect(out["presence_penalty"] == 0.3)
        #expect(out["stream"] == true)
        // The gateway's own fields and OpenAI's names are not sent.
        for name in ["top_p", "top_k", "stop", "user", "metadata", "n", "max_completion_tokens"] { #expect(out[name] == nil, "\(name)") }
        #expect(try Self.translate(Self.body(["stop": ["a", "b"]]))["stop_sequences"] == ["a", "b"])
        // What Cohere does anyway passes: calls in parallel.
        #expect(try Self.translate(Self.body(["parallel_tool_calls": true]))["parallel_tool_calls"] == nil)
    }

    @Test func messagesKeepTheirRolesAndParts() throws {
        let messages: JSON = [
            ["role": "developer", "content": [["type": "text", "text": "Be brief."]]],
            [
                "role": "user",
                "content": [
                    ["type": "text", "text": "What is this?"], ["type": "image_url", "image_url": ["url": "https://x/cat.png", "detail": "low"]],
                ],
            ],
            [
                "role": "assistant", "content": "Let me check.",
                "tool_calls": [["id": "call_1", "type": "function", "function": ["name": "look", "arguments": "{\"q\":1}"]]],
            ],
            ["role": "tool", "tool_call_id": "call_1", "content": "a cat"],
            ["role": "assistant", "content": "A cat."],
        ]
        let out = try Self.translate(Self.body(messages: messages))
        let sent = try #require(out["messages"]?.arrayValue)
        #expect(sent[0] == ["role": "system", "content": "Be brief."])
        #expect(sent[1]["content"]?[1] == ["type": "image_url", "image_url": ["url": "https://x/cat.png", "detail": "low"]])
        #expect(sent[1]["content"]?[0] == ["type": "text", "text": "What is this?"])
        // An assistant turn with tool calls: what it said is its tool plan.
        #expect(sent[2]["tool_plan"] == "Let me check.")
        #expect(sent[2]["content"] == nil)
        #expect(sent[2]["tool_calls"]?[0] == ["id": "call_1", "type": "function", "function": ["name": "look", "arguments": "{\"q\":1}"]])
        #expect(sent[3] == ["role": "tool", "tool_call_id": "call_1", "content": "a cat"])
        #expect(sent[4] == ["role": "assistant", "content": "A cat."])
    }

    @Test func toolsAndToolChoice() throws {
        let tools: JSON = [["type": "function", "function": ["name": "get_weather", "parameters": ["type": "object"]]]]
        let out = try Self.translate(Self.body(["tools": tools, "tool_choice": "required"]))
        #expect(out["tools"] == tools)
        #expect(out["tool_choice"] == "REQUIRED")
        #expect(try Self.translate(Self.body(["tools": tools, "tool_choice": "none"]))["tool_choice"] == "NONE")
        #expect(try Self.translate(Self.body(["tools": tools, "tool_choice": "auto"]))["tool_choice"] == nil)
        #expect(throws: GatewayError.self) { try Self.translate(Self.body(["tools": [["type": "function", "function": [:]]]])) }
    }

    @Test func responseFormats() throws {
        #expect(try Self.translate(Self.body(["response_format": ["type": "json_object"]]))["response_format"] == ["type": "json_object"])
        let schema: JSON = ["type": "object", "properties": ["a": ["type": "string"]]]
        let out = try Self.translate(Self.body(["response_format": ["type": "json_schema", "json_schema": ["name": "x", "schema": schema]]]))
        #expect(out["response_format"] == ["type": "json_object", "json_schema": schema])
        #expect(try Self.translate(Self.body(["response_format": ["type": "text"]]))["response_format"] == nil)
    }

    @Test func cohereFieldsPassThrough() throws {
        let out = try Self.translate(Self.body(["documents": ["doc one"], "safety_mode": "OFF", "citation_options": ["mode": "FAST"]]))
        #expect(out["documents"] == ["doc one"])
        #expect(out["safety_mode"] == "OFF")
        #expect(out["citation_options"] == ["mode": "FAST"])
    }

    @Test(
        "a parameter v2 cannot express is refused naming it, and dropped under drop_params",
        arguments: [
            ("logprobs", JSON.bool(true)), ("n", .int(2)), ("reasoning_effort", .string("high")), ("parallel_tool_calls", .bool(false)),
            ("logit_bias", JSON.object(["1": 2])), ("service_tier", .string("flex")),
            ("tool_choice", JSON.object(["type": "function", "function": ["name": "f"]])),
        ])
    func unsupportedParametersAreRefused(_ name: String, _ value: JSON) throws {
        var body = Self.body(["tools": [["type": "function", "function": ["name": "f"]]]])
        body[name] = value
        do {
            _ = try Self.translate(body)
            Issue.record("\(name) was not refused")
        } catch let error as GatewayError {
            #expect(error.status == .badRequest)
            #expect(error.param == name)
            #expect(error.code == "unsupported_params")
        }
        let dropped = try Self.translate(body, drop: true)
        #expect(dropped[name] == nil || name == "tool_choice")
        if name == "tool_choice" { #expect(dropped["tool_choice"] == "REQUIRED") }
    }

    @Test func partsCohereCannotTakeAreRefused() throws {
        let audio: JSON = [["role": "user", "content": [["type": "input_audio", "input_audio": ["data": "AAA", "format": "wav"]]]]]
        #expect(throws: GatewayError.self) { try Self.translate(Self.body(messages: audio)) }
        let function: JSON = [["role": "function", "name": "f", "content": "x"]]
        #expect(throws: GatewayError.self) { try Self.translate(Self.body(messages: function)) }
        let toolWithoutID: JSON = [["role": "tool", "content": "x"]]
        #expect(throws: GatewayError.self) { try Self.translate(Self.body(messages: toolWithoutID)) }
        #expect(throws: GatewayError.self) {
            try Self.translate(Self.body(["response_format": ["type": "json_schema", "json_schema": ["name": "x"]]]))
        }
    }
}
