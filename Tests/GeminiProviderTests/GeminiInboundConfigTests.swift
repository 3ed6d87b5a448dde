import Testing

@testable import GatewayCore
@testable import GeminiDialect

/// A client's `generationConfig`, `tools` and `toolConfig` in the chat view, and what the view cannot carry
/// (``GeminiInboundRequest/untranslated``): a deployment of another dialect refuses it unless `drop_params`.
struct GeminiInboundConfigTests {
    static let contents: JSON = [["role": "user", "parts": [["text": "Hi"]]]]

    static func inbound(_ fields: [String: JSON]) throws -> GeminiInboundRequest {
        var body: JSON = ["contents": contents]
        for (key, value) in fields { body[key] = value }
        return try GeminiRequestTranslator.inboundRequest(fromGemini: body, model: "m", stream: false)
    }

    @Test func generationConfigMapsToChatParameters() throws {
        let inbound = try Self.inbound([
            "generationConfig": [
                "maxOutputTokens": 256, "temperature": 0.2, "topP": 0.9, "topK": 40, "stopSequences": ["END"], "candidateCount": 2, "seed": 7,
                "presencePenalty": 0.1, "frequencyPenalty": 0.3, "responseLogprobs": true, "logprobs": 3, "responseModalities": ["TEXT"],
            ]
        ])
        let view = inbound.view
        #expect(view["max_tokens"] == 256)
        #expect(view["temperature"] == 0.2)
        #expect(view["top_p"] == 0.9)
        #expect(view["top_k"] == 40)
        #expect(view["stop"] == ["END"])
        #expect(view["n"] == 2)
        #expect(view["seed"] == 7)
        #expect(view["presence_penalty"] == 0.1)
        #expect(view["frequency_penalty"] == 0.3)
        #expect(view["logprobs"] == true)
        #expect(view["top_logprobs"] == 3)
        #expect(inbound.untranslated.isEmpty)
    }

    @Test func aResponseSchemaBecomesAJSONSchemaResponseFormat() throws {
        let schema: JSON = [
            "type": "OBJECT", "propertyOrdering": ["name", "age"],
            "properties": [
                "name": ["type": "STRING", "description": "the name"], "age": ["type": "INTEGER", "nullable": true],
                "tags": ["type": "ARRAY", "items": ["type": "STRING", "enum": ["a", "b"]]],
            ],
            "required": ["name"],
        ]
        let view = try Self.inbound(["generationConfig": ["responseMimeType": "application/json", "responseSchema": schema]]).view
        #expect(
            view["response_format"]
                == [
                    "type": "json_schema",
                    "json_schema": [
                        "name": "response",
                        "schema": [
                            "type": "object",
                            "properties": [
                                "name": ["type": "string", "description": "the name"], "age": ["type": ["integer", "null"]],
                                "tags": ["type": "array", "items": ["type": "string", "enum": ["a", "b"]]],
                            ],
                            "required": ["name"],
                        ],
                    ],
                ])
    }

    @Test func aJSONSchemaGoesAsSentAndJSONAloneIsJSONObject() throws {
        let schema: JSON = ["type": "object", "properties": ["x": ["type": "number"]], "additionalProperties": false]
        let withSchema = try Self.inbound(["generationConfig": ["responseMimeType": "application/json", "responseJsonSchema": schema]]).view
        #expect(withSchema["response_format"]?["json_schema"]?["schema"] == schema)
        let underscored = try Self.inbound(["generationConfig": ["responseMimeType": "application/json", "_responseJsonSchema": schema]])
        #expect(underscored.view["response_format"]?["json_schema"]?["schema"] == schema)
        #expect(underscored.untranslated.isEmpty)
        let plain = try Self.inbound(["generationConfig": ["responseMimeType": "application/json"]]).view
        #expect(plain["response_format"] == ["type": "json_object"])
        let enumType = try Self.inbound(["generationConfig": ["responseMimeType": "text/x.enum"]])
        #expect(enumType.untranslated == ["generationConfig.responseMimeType"])
    }

    @Test func thinkingBudgetsAndLevelsBecomeReasoningEffort() throws {
        func effort(_ thinking: JSON) throws -> JSON? {
            try Self.inbound(["generationConfig": ["thinkingConfig": thinking]]).view["reasoning_effort"]
        }
        #expect(try effort(["thinkingBudget": 0]) == "none")
        #expect(try effort(["thinkingBudget": 512]) == "low")
        #expect(try effort(["thinkingBudget": 2048]) == "medium")
        #expect(try effort(["thinkingBudget": 24576]) == "high")
        #expect(try effort(["thinkingBudget": -1]) == nil)
        #expect(try effort(["thinkingLevel": "HIGH"]) == "high")
        let thoughts = try Self.inbound(["generationConfig": ["thinkingConfig": ["includeThoughts": true, "thinkingBudget": 1024]]])
        #expect(thoughts.includeThoughts)
        #expect(thoughts.untranslated.isEmpty)
    }

    @Test func functionDeclarationsBecomeToolsWithJSONSchemaParameters() throws {
        let view = try Self.inbound([
            "tools": [
                [
                    "functionDeclarations": [
                        [
                            "name": "get_weather", "description": "Weather in a city",
                            "parameters": ["type": "OBJECT", "properties": ["city": ["type": "STRING"]], "required": ["city"]],
                        ],
                        ["name": "now"],
                        ["name": "lookup", "parametersJsonSchema": ["type": "object", "properties": ["q": ["type": "string"]]]],
                    ]
                ]
            ],
            "toolConfig": ["functionCallingConfig": ["mode": "AUTO"]],
        ]).view
        #expect(
            view["tools"]
                == [
                    [
                        "type": "function",
                        "function": [
                            "name": "get_weather", "description": "Weather in a city",
                            "parameters": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]],
                        ],
                    ],
                    ["type": "function", "function": ["name": "now", "parameters": ["type": "object", "properties": [:]]]],
                    [
                        "type": "function",
                        "function": ["name": "lookup", "parameters": ["type": "object", "properties": ["q": ["type": "string"]]]],
                    ],
                ])
        #expect(view["tool_choice"] == "auto")
    }

    @Test func functionCallingModesBecomeToolChoice() throws {
        let declarations: JSON = [["functionDeclarations": [["name": "a"], ["name": "b"], ["name": "c"]]]]
        func choice(_ config: JSON) throws -> (JSON?, [String]) {
            let view = try Self.inbound(["tools": declarations, "toolConfig": ["functionCallingConfig": config]]).view
            return (view["tool_choice"], view["tools"]?.arrayValue?.compactMap { $0["function"]?["name"]?.stringValue } ?? [])
        }
        #expect(try choice(["mode": "NONE"]).0 == "none")
        #expect(try choice(["mode": "ANY"]) == ("required", ["a", "b", "c"]))
        #expect(try choice(["mode": "ANY", "allowedFunctionNames": ["b"]]).0 == ["type": "function", "function": ["name": "b"]])
        // Several allowed names: only those are offered, and one must be called.
        #expect(try choice(["mode": "ANY", "allowedFunctionNames": ["a", "c"]]) == ("required", ["a", "c"]))
    }

    @Test func whatTheViewCannotCarryIsListedAsUntranslated() throws {
        let inbound = try Self.inbound([
            "safetySettings": [["category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"]],
            "cachedContent": "cachedContents/abc",
            "tools": [["googleSearch": [:]], ["functionDeclarations": [["name": "f", "response": ["type": "STRING"]]]]],
            "toolConfig": ["functionCallingConfig": ["mode": "VALIDATED"], "retrievalConfig": ["languageCode": "en"]],
            "generationConfig": ["responseModalities": ["TEXT", "IMAGE"], "speechConfig": [:], "thinkingConfig": ["thinkingLevel": "extreme"]],
            "labels": ["team": "a"],
        ])
        #expect(
            Set(inbound.untranslated)
                == [
                    "safetySettings", "cachedContent", "labels", "tools[0].googleSearch", "tools[1].functionDeclarations[0].response",
                    "toolConfig.retrievalConfig", "toolConfig.functionCallingConfig.mode", "generationConfig.responseModalities",
                    "generationConfig.speechConfig", "generationConfig.thinkingConfig.thinkingLevel",
                ])
        #expect(inbound.view["tool_choice"] == "auto")
    }

    @Test func partsTheViewCannotCarryAreNamedByPath() throws {
        let inbound = try GeminiRequestTranslator.inboundRequest(
            fromGemini: [
                "systemInstruction": ["parts": [["text": "S"], ["inlineData": ["mimeType": "image/png", "data": "x"]]]],
                "contents": [
                    [
                        "role": "user",
                        "parts": [
                            ["text": "watch"], ["inlineData": ["mimeType": "video/mp4", "data": "AAAA"]],
                            ["fileData": ["mimeType": "application/pdf", "fileUri": "https://generativelanguage.googleapis.com/v1beta/files/x"]],
                            ["text": "clip", "videoMetadata": ["startOffset": "1s"]],
                        ],
                    ],
                    ["role": "model", "parts": [["executableCode": ["language": "PYTHON", "code": "print(1)"]]]],
                ],
            ], model: "m", stream: false)
        #expect(
            inbound.untranslated
                == [
                    "systemInstruction.parts[1]", "contents[0].parts[1]", "contents[0].parts[2]", "contents[0].parts[3].videoMetadata",
                    "contents[1].parts[0].executableCode",
                ])
        #expect(inbound.view["messages"]?[1]?["content"] == [["type": "text", "text": "watch"], ["type": "text", "text": "clip"]])
    }
}
