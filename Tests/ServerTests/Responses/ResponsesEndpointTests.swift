import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `POST /v1/responses` over HTTP to both upstream formats (OpenAI's passed through, Anthropic's translated): plain,
/// streamed, refusals.
struct ResponsesEndpointTests {
    static let key = GatewayFixture.masterKey

    @Test(arguments: ["gpt-test", "claude-test"])
    func plainResponse(model: String) async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let body: JSON = ["model": .string(model), "instructions": "be brief", "input": "hi there", "max_output_tokens": 50]
            let reply = try await gateway.post("/v1/responses", json: body, key: Self.key)
            #expect(reply.status == 200, "\(reply.body)")
            let response = try #require(reply.json)
            #expect(response["object"] == "response")
            #expect(response["id"]?.stringValue?.hasPrefix("resp_") == true)
            #expect(response["status"] == "completed")
            #expect(response["output"]?[0]?["type"] == "message")
            #expect(response["output"]?[0]?["content"]?[0]?["text"] == "upstream says: hi there")
            #expect((response["usage"]?["input_tokens"]?.intValue ?? 0) > 0)
            #expect(response["usage"]?["total_tokens"] != nil)

            let call = try #require(await upstream.last)
            if model == "gpt-test" {
                // OpenAI's Responses API: passed through, the answer as the upstream wrote it (ResponsesNativeTests).
                #expect(call.path == "/v1/responses")
                #expect(call.body["instructions"] == "be brief" && call.body["max_output_tokens"] == 50)
                #expect(response["model"] == "echo")
            } else {
                #expect(response["model"] == .string(model))
                #expect(response["store"] == false, "no storage plugin: nothing is stored")
                #expect(call.path == "/v1/messages")
                #expect(call.body["system"] == "be brief")
                #expect(call.body["max_tokens"] == 50)
            }
        }
    }

    @Test(arguments: ["gpt-test", "claude-test"])
    func streamedResponse(model: String) async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let body: JSON = ["model": .string(model), "input": "x y", "stream": true]
            let reply = try await gateway.post("/v1/responses", json: body, key: Self.key)
            #expect(reply.status == 200)
            let events = reply.events
            let types = events.compactMap(\.event)
            #expect(types.first == "response.created")
            #expect(types.dropFirst().first == "response.in_progress")
            #expect(types.last == "response.completed")
            for required in ["response.output_item.added", "response.content_part.added", "response.output_text.done", "response.output_item.done"] {
                #expect(types.contains(required), "\(model): no \(required) in \(types)")
            }
            let data = events.compactMap { try? JSONParser.parse($0.data) }
            #expect(data.map { $0["sequence_number"]?.intValue } == Array(0..<data.count).map { $0 })
            let text = data.filter { $0["type"] == "response.output_text.delta" }.compactMap { $0["delta"]?.stringValue }.joined()
            let completed = try #require(data.last?["response"])
            #expect(completed["output"]?[0]?["content"]?[0]?["text"] == .string(text))
            #expect(text.hasPrefix("upstream says: x y"), "\(model): \(text)")
            #expect((completed["usage"]?["output_tokens"]?.intValue ?? 0) > 0, "\(model): usage in response.completed")
        }
    }

    @Test(arguments: ["openai-tool-call", "anthropic-tool-call"])
    func functionToolCall(model: String) async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let tool: JSON = [
                "type": "function", "name": "get_weather", "description": "Weather.",
                "parameters": ["type": "object", "properties": ["city": ["type": "string"]]],
            ]
            for stream in [false, true] {
                let body: JSON = ["model": .string(model), "input": "weather?", "tools": [tool], "tool_choice": "required", "stream": .bool(stream)]
                let reply = try await gateway.post("/v1/responses", json: body, key: Self.key)
                let response = try #require(stream ? reply.events.last.flatMap { try? JSONParser.parse($0.data)["response"] } : reply.json)
                let call = try #require(response["output"]?.arrayValue?.first { $0["type"] == "function_call" }, "\(reply.body)")
                #expect(call["name"] == "get_weather")
                #expect(try JSONParser.parse(call["arguments"]?.stringValue ?? "") == ["city": "Paris"])
                #expect(call["call_id"]?.stringValue?.isEmpty == false)
                if stream {
                    #expect(reply.events.contains { $0.event == "response.function_call_arguments.delta" })
                    #expect(reply.events.contains { $0.event == "response.function_call_arguments.done" })
                }
                let sent = try #require(await upstream.last?.body)
                #expect(sent["tools"]?[0]?["name"] == "get_weather" || sent["tools"]?[0]?["function"]?["name"] == "get_weather")
            }
        }
    }

    /// What chat cannot express is refused, naming it, when the deployment does not speak the Responses API (an
    /// Anthropic one here); a malformed value is refused whatever the deployment.
    @Test func refusedFieldsAreA400NamingThem() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let cases: [(JSON, String, String)] = [
                (["model": "claude-test", "input": "hi", "tools": [["type": "web_search"]]], "tools[0]", "unsupported_params"),
                (["model": "claude-test", "input": "hi", "background": true], "background", "unsupported_params"),
                (["model": "claude-test", "input": "hi", "include": ["message.output_text.logprobs"]], "include", "unsupported_params"),
                (["model": "claude-test", "input": "hi", "temperature": 9], "temperature", "invalid_request"),
                (["model": "gpt-test", "input": "hi", "temperature": 9], "temperature", "invalid_request"),
            ]
            for (body, param, code) in cases {
                let reply = try await gateway.post("/v1/responses", json: body, key: Self.key)
                #expect(reply.status == 400, "\(param): \(reply.body)")
                #expect(reply.error?["param"] == .string(param), "\(reply.body)")
                #expect(reply.error?["code"] == .string(code), "\(reply.body)")
                #expect(reply.error?["type"] == "invalid_request_error")
            }
            #expect(await upstream.calls.isEmpty, "nothing refused reached the upstream")
        }
    }

    @Test func unknownResponseIsAnOpenAIShaped404() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            for path in ["/v1/responses/resp_nope", "/v1/responses/resp_nope/input_items"] {
                let reply = try await gateway.get(path, key: Self.key)
                #expect(reply.status == 404, "\(path): \(reply.body)")
                #expect(reply.error?["message"]?.stringValue?.contains("resp_nope") == true)
            }
            let follow = try await gateway.post(
                "/v1/responses", json: ["model": "gpt-test", "input": "hi", "previous_response_id": "resp_nope"], key: Self.key)
            #expect(follow.status == 404)
            #expect(follow.error?["param"] == "previous_response_id")
            let unauthenticated = try await gateway.post("/v1/responses", json: ["model": "gpt-test", "input": "hi"])
            #expect(unauthenticated.status == 401)
        }
    }
}
