import Foundation
import GatewayCore
import GatewayTesting
import OpenAIResponsesDialect
import Testing

/// `POST /v1/responses` to an `openai/` deployment passes through to the upstream's Responses API: the body goes to
/// `{api_base}/responses` as the client sent it (only `model` set), the answer and each event come back as the
/// upstream wrote them (``TestUpstream`` answers with a field no client knows, `x_upstream_extra`), the response id
/// aside: it names the deployment (``NativeResponseID``). A stored native response is served by GET, and a follow-up
/// naming it goes back to the upstream natively.
struct ResponsesNativeTests {
    static let key = GatewayFixture.masterKey

    /// A request using what the translation accepts without a chat counterpart of the same shape.
    static let body: JSON = [
        "model": "gpt-test", "instructions": "be brief", "store": false, "include": ["reasoning.encrypted_content"],
        "input": [["type": "message", "role": "user", "content": [["type": "input_text", "text": "hi there"]]]],
        "text": ["format": ["type": "text"], "verbosity": "low"], "reasoning": ["effort": "low", "summary": "auto"],
        "metadata": ["team": "a"], "max_output_tokens": 64, "temperature": 0.5,
        "tools": [
            [
                "type": "function", "name": "get_weather", "strict": true,
                "parameters": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"], "additionalProperties": false],
            ]
        ],
    ]

    @Test func plainAnswerPassesThrough() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let reply = try await gateway.post("/v1/responses", json: Self.body, key: Self.key)
            #expect(reply.status == 200, "\(reply.body)")
            let call = try #require(await upstream.last)
            #expect(call.path == "/v1/responses")
            var expected = Self.body
            expected["model"] = "echo"
            #expect(call.body == expected, "the upstream gets the body as sent, apart from model")
            #expect(call.headers["authorization"] == "Bearer \(GatewayFixture.upstreamKey)")

            let response = try #require(reply.json)
            #expect(response["id"]?.stringValue?.hasPrefix("resp_") == true)
            #expect(response["x_upstream_extra"] == ["kept": true], "the upstream's answer as it came: \(reply.body)")
            #expect(response["output"]?[0]?["content"]?[0]?["text"] == "upstream says: hi there")
            #expect(response["usage"]?["input_tokens"] == 11)
            let cost = try #require(reply.header("x-litellm-response-cost").flatMap(Double.init))
            #expect(abs(cost - (11 * 0.001 + 7 * 0.002)) < 1e-9, "priced from the Responses usage")
        }
    }

    @Test func streamedEventsPassThrough() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            var body = Self.body
            body["stream"] = true
            let reply = try await gateway.post("/v1/responses", json: body, key: Self.key)
            #expect(reply.status == 200, "\(reply.body)")
            var expected = body
            expected["model"] = "echo"
            #expect(await upstream.last?.body == expected)
            #expect(await upstream.last?.path == "/v1/responses")

            let events = reply.events
            let types = events.compactMap(\.event)
            let words = "upstream says: hi there".split(separator: " ").count
            #expect(
                types
                    == ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]
                    + Array(repeating: "response.output_text.delta", count: words)
                    + ["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"])
            let data = events.compactMap { try? JSONParser.parse($0.data) }
            #expect(data.map { $0["sequence_number"]?.intValue } == Array(0..<data.count).map { $0 })
            let text = data.filter { $0["type"] == "response.output_text.delta" }.compactMap { $0["delta"]?.stringValue }.joined()
            #expect(text == "upstream says: hi there")
            #expect(data.last?["response"]?["x_upstream_extra"] == ["kept": true])
        }
    }

    @Test func streamedToolCallPassesThrough() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let body: JSON = ["model": "openai-tool-call", "input": "weather?", "tools": Self.body["tools"] ?? [], "stream": true]
            let reply = try await gateway.post("/v1/responses", json: body, key: Self.key)
            let data = reply.events.compactMap { try? JSONParser.parse($0.data) }
            let arguments = data.filter { $0["type"] == "response.function_call_arguments.delta" }.compactMap { $0["delta"]?.stringValue }.joined()
            #expect(try JSONParser.parse(arguments) == ["city": "Paris"])
            #expect(data.last?["response"]?["output"]?[0]?["type"] == "function_call")
        }
    }

    /// Stored under the id the client sees (``NativeResponseID``); GET serves it; a follow-up goes back to the upstream
    /// natively, with the upstream's own id; another key's follow-up is a 404.
    @Test(arguments: KeyBackend.available)
    func nativeResponseIsStoredAndContinuedNatively(_ backend: KeyBackend) async throws {
        try await ResponsesGateway.run(backend) { gateways in
            let gateway = gateways[0]
            for stream in [false, true] {
                let first = try await gateway.create(["model": "gpt-test", "input": "my name is Ada", "stream": .bool(stream)])
                let response = try #require(stream ? first.events.last.flatMap { try? JSONParser.parse($0.data)["response"] } : first.json)
                let id = try #require(response["id"]?.stringValue)
                let native = try #require(NativeResponseID(decoding: id), "the id names the deployment: \(id)")
                #expect(response["x_upstream_extra"] == ["kept": true])
                let fetched = try await gateway.endpoint.get("/v1/responses/\(id)", key: ResponsesGateway.master)
                #expect(fetched.status == 200, "\(fetched.body)")
                #expect(fetched.json?["id"] == .string(id))

                let second = try await gateway.create(["model": "gpt-test", "input": "what is my name?", "previous_response_id": .string(id)])
                #expect(second.status == 200, "\(second.body)")
                let call = try #require(await gateway.upstream.last)
                #expect(call.path == "/v1/responses", "a follow-up of a native response stays native")
                #expect(call.body["previous_response_id"] == .string(native.upstreamID), "the upstream gets its own id")
                #expect(second.json?["output"]?[0]?["content"]?[0]?["text"] == "upstream says: what is my name? (upstream recalls: my name is Ada)")

                let other = try await gateway.key()
                let stranger = try await gateway.create(["model": "gpt-test", "input": "hi", "previous_response_id": .string(id)], key: other)
                #expect(stranger.status == 404, "a response stored for another key is not continued: \(stranger.body)")
            }
        }
    }
}

/// A guardrail that rewrites streamed text on a native Responses stream: the events that repeat the text at the end
/// (`response.output_text.done`, `response.content_part.done`, `response.output_item.done`, `response.completed`)
/// carry the rewritten text too, never the upstream's.
struct ResponsesNativeMaskingTests {
    @Test func maskedStreamTextDoesNotComeBackInTheClosingEvents() async throws {
        let plugins = """
            {"plugins": [{"name": "master-key-auth"}, {"name": "guardrails", "config": {"guardrails": [
              {"name": "mask-email-out", "kind": "pii", "entities": ["email"], "action": "mask", "mode": "post_call", "default_on": true}]}}]}
            """
        try await GatewayFixture.withGateway(plugins: plugins) { gateway, upstream in
            let body: JSON = ["model": "gpt-test", "input": "write to bob@example.com today", "stream": true, "store": false]
            let reply = try await gateway.post("/v1/responses", json: body, key: GatewayFixture.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(await upstream.last?.path == "/v1/responses", "native")
            #expect(!reply.body.contains("bob@example.com"), "\(reply.body)")
            let types = reply.events.compactMap(\.event)
            #expect(types.last == "response.completed", "\(types)")
        }
    }
}
