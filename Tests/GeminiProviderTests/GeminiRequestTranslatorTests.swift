import GatewayCore
import GeminiDialect
import Testing

/// OpenAI chat → Gemini `generateContent`, feature by feature.
struct GeminiRequestTranslatorTests {
    static func translate(_ body: JSON, drop: Bool = false) throws -> JSON {
        try GeminiRequestTranslator.geminiRequest(fromOpenAI: body, model: "gem", dropUnsupported: drop)
    }

    @Test func systemAndDeveloperMessagesBecomeTheSystemInstructionAndTurnsAlternate() throws {
        let request = try Self.translate([
            "model": "gemini-2.5-flash",
            "messages": [
                ["role": "system", "content": "Be brief."], ["role": "developer", "content": [["type": "text", "text": "Use French."]]],
                ["role": "user", "content": "Hi"], ["role": "user", "content": "there"], ["role": "assistant", "content": "Salut"],
                ["role": "user", "content": "Bye"],
            ],
        ])
        #expect(request["systemInstruction"] == ["parts": [["text": "Be brief."], ["text": "Use French."]]])
        #expect(
            request["contents"] == [
                ["role": "user", "parts": [["text": "Hi"], ["text": "there"]]], ["role": "model", "parts": [["text": "Salut"]]],
                ["role": "user", "parts": [["text": "Bye"]]],
            ])
        #expect(request["model"] == nil, "the model goes in the URL")
    }

    @Test func imagesBecomeInlineDataOrFileData() throws {
        let request = try Self.translate([
            "messages": [
                [
                    "role": "user",
                    "content": [
                        ["type": "text", "text": "What is it?"], ["type": "image_url", "image_url": ["url": "data:image/png;base64,iVBORw0KGgo="]],
                        ["type": "image_url", "image_url": ["url": "https://example.com/cat.JPG?size=2"]],
                        ["type": "image_url", "image_url": ["url": "gs://bucket/scan", "format": "application/pdf"]],
                    ],
                ]
            ]
        ])
        let parts = request["contents"]?[0]?["parts"]
        #expect(parts?[1] == ["inlineData": ["mimeType": "image/png", "data": "iVBORw0KGgo="]])
        #expect(parts?[2] == ["fileData": ["mimeType": "image/jpeg", "fileUri": "https://example.com/cat.JPG?size=2"]])
        #expect(parts?[3] == ["fileData": ["mimeType": "application/pdf", "fileUri": "gs://bucket/scan"]])
    }

    @Test func aURLWhoseMediaTypeCannotBeToldIsRefused() throws {
        let body: JSON = ["messages": [["role": "user", "content": [["type": "image_url", "image_url": ["url": "https://example.com/picture"]]]]]]
        let error = try #require(throws: GatewayError.self) { try Self.translate(body) }
        #expect(error.param == "messages[0].content[0].image_url")
        #expect(error.message.contains("format"))
        let system: JSON = [
            "messages": [["role": "system", "content": [["type": "image_url", "image_url": ["url": "data:image/png;base64,AA=="]]]]]
        ]
        #expect(throws: GatewayError.self) { try Self.translate(system) }
    }

    @Test func toolsToolChoiceAndTheToolRoundTrip() throws {
        let parameters: JSON = [
            "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false,
            "properties": [
                "city": ["type": ["string", "null"], "description": "City", "format": "hostname"], "unit": ["$ref": "#/$defs/Unit"],
                "when": ["const": "now"],
            ],
            "required": ["city"], "$defs": ["Unit": ["type": "string", "enum": ["C", "F"]]],
        ]
        let id = "call_abc" + "__thought__" + "sig123"
        let request = try Self.translate([
            "messages": [
                ["role": "user", "content": "weather?"],
                [
                    "role": "assistant", "content": nil,
                    "tool_calls": [
                        ["id": .string(id), "type": "function", "function": ["name": "get_weather", "arguments": "{\"city\":\"Paris\"}"]]
                    ],
                ],
                ["role": "tool", "tool_call_id": .string(id), "content": "22C"],
            ],
            "tools": [
                ["type": "function", "function": ["name": "get_weather", "description": "Weather", "parameters": parameters, "strict": true]],
                ["type": "function", "function": ["name": "now", "parameters": ["type": "object", "properties": [:]]]],
                ["googleSearch": [:]],
            ],
            "tool_choice": ["type": "function", "function": ["name": "get_weather"]],
        ])
        let declarations = request["tools"]?[0]?["functionDeclarations"]
        #expect(
            declarations?[0]?["parameters"] == [
                "type": "object",
                "properties": [
                    "city": ["type": "string", "description": "City", "nullable": true], "unit": ["type": "string", "enum": ["C", "F"]],
                    "when": ["enum": ["now"]],
                ],
                "required": ["city"],
            ])
        #expect(declarations?[1] == ["name": "now"], "an empty object schema is left out, as Gemini rejects it")
        #expect(request["tools"]?[1] == ["googleSearch": [:]])
        #expect(request["toolConfig"] == ["functionCallingConfig": ["mode": "ANY", "allowedFunctionNames": ["get_weather"]]])
        let contents = request["contents"]
        #expect(
            contents?[1] == [
                "role": "model", "parts": [["functionCall": ["name": "get_weather", "args": ["city": "Paris"]], "thoughtSignature": "sig123"]],
            ])
        #expect(contents?[2] == ["role": "user", "parts": [["functionResponse": ["name": "get_weather", "response": ["content": "22C"]]]]])

        for (choice, mode) in [("auto", "AUTO"), ("none", "NONE"), ("required", "ANY")] {
            let translated = try Self.translate([
                "messages": [["role": "user", "content": "x"]], "tools": [["type": "function", "function": ["name": "f"]]],
                "tool_choice": .string(choice),
            ])
            #expect(translated["toolConfig"]?["functionCallingConfig"]?["mode"] == .string(mode))
        }
    }

    @Test func aToolResultForAnUnknownCallOrARecursiveSchemaIsRefused() throws {
        let orphan: JSON = ["messages": [["role": "user", "content": "x"], ["role": "tool", "tool_call_id": "call_1", "content": "r"]]]
        #expect(throws: GatewayError.self) { try Self.translate(orphan) }
        let recursive: JSON = [
            "messages": [["role": "user", "content": "x"]],
            "tools": [
                [
                    "type": "function",
                    "function": ["name": "f", "parameters": ["$ref": "#/$defs/Node", "$defs": ["Node": ["$ref": "#/$defs/Node"]]]],
                ]
            ],
        ]
        let error = try #require(throws: GatewayError.self) { try Self.translate(recursive) }
        #expect(error.param == "tools[0].function.parameters")
        let imageResult: JSON = [
            "messages": [
                ["role": "user", "content": "x"],
                ["role": "assistant", "tool_calls": [["id": "call_1", "type": "function", "function": ["name": "f", "arguments": "{}"]]]],
                [
                    "role": "tool", "tool_call_id": "call_1",
                    "content": [["type": "text", "text": "ok"], ["type": "image_url", "image_url": ["url": "data:image/png;base64,AA=="]]],
                ],
            ]
        ]
        let image = try #require(throws: GatewayError.self) { try Self.translate(imageResult) }
        #expect(image.param == "messages[2].content[1]", "an image in a tool result is refused, not dropped")
    }

    @Test func generationConfigResponseFormatThinkingAndSafety() throws {
        let safety: JSON = [["category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"]]
        let request = try Self.translate([
            "messages": [["role": "user", "content": "x"]], "temperature": 0.2, "top_p": 0.9, "max_tokens": 100, "stop": "END", "n": 2,
            "seed": 7, "presence_penalty": 0.5, "frequency_penalty": 0.25, "reasoning_effort": "low", "safety_settings": safety,
            "response_format": [
                "type": "json_schema", "json_schema": ["name": "r", "schema": ["type": "object", "properties": ["a": ["type": "integer"]]]],
            ],
            "cached_content": "cachedContents/abc",
        ])
        #expect(
            request["generationConfig"] == [
                "temperature": 0.2, "topP": 0.9, "maxOutputTokens": 100, "stopSequences": ["END"], "candidateCount": 2, "seed": 7,
                "presencePenalty": 0.5, "frequencyPenalty": 0.25, "responseMimeType": "application/json",
                "responseSchema": ["type": "object", "properties": ["a": ["type": "integer"]]],
                "thinkingConfig": ["thinkingBudget": 1024, "includeThoughts": true],
            ])
        #expect(request["safetySettings"] == safety)
        #expect(request["cachedContent"] == "cachedContents/abc")

        let off = try Self.translate([
            "messages": [["role": "user", "content": "x"]], "reasoning_effort": "none", "response_format": ["type": "json_object"],
        ])
        #expect(
            off["generationConfig"] == ["thinkingConfig": ["thinkingBudget": 0, "includeThoughts": false], "responseMimeType": "application/json"])
        let anthropicStyle = try Self.translate([
            "messages": [["role": "user", "content": "x"]], "thinking": ["type": "enabled", "budget_tokens": 3000],
        ])
        #expect(anthropicStyle["generationConfig"]?["thinkingConfig"] == ["thinkingBudget": 3000, "includeThoughts": true])
        let bad = try #require(throws: GatewayError.self) {
            try Self.translate(["messages": [["role": "user", "content": "x"]], "reasoning_effort": "extreme"])
        }
        #expect(bad.param == "reasoning_effort")
    }

    /// Each field Gemini cannot express is refused naming it, and dropped under drop_params.
    static let refusedFields: [(String, JSON)] = [
        ("logprobs", JSON.bool(true)), ("top_logprobs", JSON.int(2)), ("logit_bias", ["50256": -100]), ("modalities", ["text", "audio"]),
        ("audio", ["voice": "alloy"]), ("prediction", ["type": "content", "content": "x"]), ("service_tier", "flex"), ("store", JSON.bool(true)),
        ("web_search_options", [:]), ("parallel_tool_calls", JSON.bool(false)), ("functions", [["name": "f"]]),
    ]

    @Test(arguments: refusedFields)
    func aFieldGeminiCannotExpressIsRefusedUnlessDropped(field: String, value: JSON) throws {
        var body: JSON = ["model": "m", "messages": [["role": "user", "content": "x"]]]
        body[field] = value
        let error = try #require(throws: GatewayError.self) { try Self.translate(body) }
        #expect(error.param == field)
        #expect(error.code == "unsupported_params")
        let dropped = try Self.translate(body, drop: true)
        #expect(dropped["contents"] == [["role": "user", "parts": [["text": "x"]]]])
        #expect(dropped.objectValue?.keys.contains(field) == false)
    }

    @Test func cacheControlIsRefusedAndGatewayFieldsAreNotParameters() throws {
        let cached: JSON = ["messages": [["role": "user", "content": [["type": "text", "text": "x", "cache_control": ["type": "ephemeral"]]]]]]
        let error = try #require(throws: GatewayError.self) { try Self.translate(cached) }
        #expect(error.param == "messages[0].content[0].cache_control")
        let request = try Self.translate([
            "messages": [["role": "user", "content": "x"]], "metadata": ["a": "b"], "stream_options": ["include_usage": true], "user": "u-1",
            "parallel_tool_calls": true,
        ])
        #expect(request == ["contents": [["role": "user", "parts": [["text": "x"]]]]])
    }
}
