import HTTPTypes
import Testing

@testable import GatewayCore
@testable import GeminiDialect

/// A client's Gemini `generateContent` request read into the OpenAI chat view (``GeminiRequestTranslator``'s
/// inbound half): contents and parts, the system instruction, media, function calls and responses.
struct GeminiInboundRequestTests {
    static func view(_ body: JSON, stream: Bool = false) throws -> JSON {
        try GeminiRequestTranslator.inboundRequest(fromGemini: body, model: "gw-model", stream: stream).view
    }

    @Test func contentsBecomeMessagesWithTheSystemInstructionFirst() throws {
        let view = try Self.view([
            "systemInstruction": ["parts": [["text": "Be brief."], ["text": "Be kind."]]],
            "contents": [
                ["role": "user", "parts": [["text": "Hi"]]], ["role": "model", "parts": [["text": "Hello"], ["text": " there"]]],
                ["parts": [["text": "How are you?"]]],
            ],
        ])
        #expect(view["model"] == "gw-model")
        #expect(
            view["messages"]
                == [
                    ["role": "system", "content": "Be brief.\nBe kind."], ["role": "user", "content": "Hi"],
                    ["role": "assistant", "content": "Hello there"], ["role": "user", "content": "How are you?"],
                ])
        #expect(view["stream"] == nil)
    }

    @Test func snakeCaseFieldsAsInGooglesRESTExamplesReadTheSame() throws {
        let camel = try Self.view([
            "systemInstruction": ["parts": [["text": "S"]]],
            "contents": [["role": "user", "parts": [["inlineData": ["mimeType": "image/png", "data": "iVBOR"]]]]],
            "generationConfig": ["maxOutputTokens": 10],
        ])
        let snake = try Self.view([
            "system_instruction": ["parts": [["text": "S"]]],
            "contents": [["role": "user", "parts": [["inline_data": ["mime_type": "image/png", "data": "iVBOR"]]]]],
            "generation_config": ["max_output_tokens": 10],
        ])
        #expect(camel == snake)
        #expect(camel["max_tokens"] == 10)
    }

    @Test func aStreamAsksForUsage() throws {
        let view = try Self.view(["contents": [["role": "user", "parts": [["text": "Hi"]]]]], stream: true)
        #expect(view["stream"] == true)
        #expect(view["stream_options"] == ["include_usage": true])
    }

    @Test func mediaPartsBecomeChatContentParts() throws {
        let view = try Self.view([
            "contents": [
                [
                    "role": "user",
                    "parts": [
                        ["text": "What is this?"], ["inlineData": ["mimeType": "image/jpeg", "data": "/9j/4A"]],
                        ["fileData": ["mimeType": "image/png", "fileUri": "https://example.com/cat.png"]],
                        ["inlineData": ["mimeType": "audio/wav", "data": "UklGR"]],
                        ["inlineData": ["mimeType": "application/pdf", "data": "JVBERi0"]],
                    ],
                ]
            ]
        ])
        #expect(
            view["messages"]?[0]?["content"]
                == [
                    ["type": "text", "text": "What is this?"], ["type": "image_url", "image_url": ["url": "data:image/jpeg;base64,/9j/4A"]],
                    ["type": "image_url", "image_url": ["url": "https://example.com/cat.png"]],
                    ["type": "input_audio", "input_audio": ["data": "UklGR", "format": "wav"]],
                    ["type": "file", "file": ["file_data": "data:application/pdf;base64,JVBERi0"]],
                ])
    }

    @Test func aFunctionCallRoundTripPairsCallsAndResponsesByName() throws {
        let view = try Self.view([
            "contents": [
                ["role": "user", "parts": [["text": "Weather in Paris and Rome?"]]],
                [
                    "role": "model",
                    "parts": [
                        ["functionCall": ["name": "get_weather", "args": ["city": "Paris"]]],
                        ["functionCall": ["name": "get_weather", "args": ["city": "Rome"]], "thoughtSignature": "c2ln"],
                    ],
                ],
                [
                    "role": "user",
                    "parts": [
                        ["functionResponse": ["name": "get_weather", "response": ["output": "sunny"]]],
                        ["functionResponse": ["name": "get_weather", "response": ["output": "rainy"]]], ["text": "Thanks"],
                    ],
                ],
            ]
        ])
        let messages = view["messages"]?.arrayValue ?? []
        #expect(messages.count == 5)
        let calls = messages[1]["tool_calls"]?.arrayValue ?? []
        #expect(messages[1]["content"] == .null)
        #expect(calls.count == 2)
        #expect(calls[0]["function"] == ["name": "get_weather", "arguments": #"{"city":"Paris"}"#])
        // The thought signature rides in the id, so a Gemini deployment reached by translation gets it back.
        let secondID = calls[1]["id"]?.stringValue ?? ""
        #expect(GeminiToolCallID.signature(in: secondID) == "c2ln")
        #expect(messages[2] == ["role": "tool", "tool_call_id": calls[0]["id"]!, "content": #"{"output":"sunny"}"#])
        #expect(messages[3] == ["role": "tool", "tool_call_id": .string(secondID), "content": #"{"output":"rainy"}"#])
        #expect(messages[4] == ["role": "user", "content": "Thanks"])
    }

    @Test func callIDsTheClientSentAreKept() throws {
        let view = try Self.view([
            "contents": [
                ["role": "model", "parts": [["functionCall": ["id": "call_abc", "name": "f", "args": [:]]]]],
                ["role": "user", "parts": [["functionResponse": ["id": "call_abc", "name": "f", "response": ["ok": true]]]]],
            ]
        ])
        #expect(view["messages"]?[0]?["tool_calls"]?[0]?["id"] == "call_abc")
        #expect(view["messages"]?[1]?["tool_call_id"] == "call_abc")
    }

    @Test func aResponseByIDAnswersACallWhoseViewIDCarriesItsSignature() throws {
        let view = try Self.view([
            "contents": [
                ["role": "model", "parts": [["functionCall": ["id": "call_2", "name": "f", "args": [:]], "thoughtSignature": "c2ln"]]],
                ["role": "user", "parts": [["functionResponse": ["id": "call_2", "name": "f", "response": ["ok": true]]]]],
            ]
        ])
        let id = view["messages"]?[0]?["tool_calls"]?[0]?["id"]
        #expect(id == "call_2__thought__c2ln")
        #expect(view["messages"]?[1]?["tool_call_id"] == id)
    }

    @Test func thoughtPartsOfEarlierTurnsAreLeftOut() throws {
        let view = try Self.view([
            "contents": [
                ["role": "user", "parts": [["text": "Q"]]],
                ["role": "model", "parts": [["text": "thinking...", "thought": true], ["text": "A", "thoughtSignature": "c2ln"]]],
            ]
        ])
        #expect(view["messages"]?[1] == ["role": "assistant", "content": "A"])
    }

    @Test func malformedRequestsAreRefusedNamingTheField() throws {
        func param(_ body: JSON) -> String? {
            do {
                _ = try Self.view(body)
                return nil
            } catch let error as GatewayError {
                #expect(error.status == .badRequest)
                return error.param
            } catch { return "unexpected \(error)" }
        }
        #expect(param(["contents": []]) == "contents")
        #expect(param(["generationConfig": [:]]) == "contents")
        #expect(param(["contents": [["role": "user"]]]) == "contents[0].parts")
        #expect(param(["contents": [["role": "system", "parts": [["text": "x"]]]]]) == "contents[0].role")
        #expect(param(["contents": [["role": "user", "parts": ["text"]]]]) == "contents[0].parts[0]")
        #expect(param(["contents": [["role": "model", "parts": [["functionCall": ["args": [:]]]]]]]) == "contents[0].parts[0].functionCall.name")
        #expect(
            param(["contents": [["role": "user", "parts": [["text": "x"]]]], "generationConfig": ["thinkingConfig": ["thinkingBudget": -5]]])
                == "generationConfig.thinkingConfig.thinkingBudget")
    }
}
