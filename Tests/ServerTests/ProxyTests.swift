import GatewayCore
import GatewayTesting
import Testing

/// Requests through the gateway to a real loopback upstream, in OpenAI and Anthropic formats.
struct ProxyTests {
    let key = GatewayFixture.masterKey

    @Test func chatIsForwardedWithTheDeploymentsModelAndKey() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            var body = GatewayFixture.chat("gpt-test", "ping")
            body["temperature"] = 0.5
            body["x_custom_field"] = ["kept": true]
            let reply = try await gateway.post("/v1/chat/completions", json: body, key: key)
            #expect(reply.status == 200)
            #expect(reply.json?["choices"]?[0]?["message"]?["content"]?.stringValue == "upstream says: ping")
            #expect(reply.json?["usage"]?["total_tokens"]?.intValue == 18)
            #expect(reply.header("x-request-id")?.isEmpty == false)
            #expect(reply.header("x-litellm-call-id") == reply.header("x-request-id"), "LiteLLM's call id is our request id")

            let call = try #require(await upstream.last)
            #expect(call.path == "/v1/chat/completions")
            #expect(call.model == "echo")
            #expect(call.headers["authorization"] == "Bearer \(GatewayFixture.upstreamKey)")
            #expect(call.body["temperature"] == 0.5)
            #expect(call.body["x_custom_field"]?["kept"] == true)
        }
    }

    /// LiteLLM's `GET /routes`: every route served, with its methods, for any authenticated caller.
    @Test func routesListsWhatIsServed() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.get("/routes", key: key)
            #expect(reply.status == 200, "\(reply.body)")
            let routes = reply.json?["routes"]?.arrayValue ?? []
            let chat = routes.first { $0["path"] == "/v1/chat/completions" }
            #expect(chat?["methods"] == ["POST"])
            #expect(routes.contains { $0["path"] == "/health/readiness" })
            #expect(routes.contains { $0["path"] == "/routes" })
            #expect(try await gateway.get("/routes").status == 401)
        }
    }

    @Test func routesWithoutTheV1Prefix() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key)
            #expect(reply.status == 200)
        }
    }

    @Test func streamsOpenAIChunksEndingWithDone() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "a b", stream: true), key: key)
            #expect(reply.status == 200)
            #expect(reply.header("content-type")?.hasPrefix("text/event-stream") == true)
            let data = reply.eventData
            #expect(data.last == "[DONE]")
            let chunks = data.dropLast().compactMap { try? JSONParser.parse($0) }
            let text = chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
            #expect(text == "upstream says: a b ")
            // The gateway asked for usage upstream, but this client did not: no usage chunk reaches it.
            #expect(chunks.allSatisfy { $0["usage"] == nil })
            #expect(await upstream.last?.body["stream_options"]?["include_usage"] == true)
        }
    }

    @Test func streamUsageIsPassedWhenTheClientAsks() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            var body = GatewayFixture.chat("gpt-test", stream: true)
            body["stream_options"] = ["include_usage": true]
            let reply = try await gateway.post("/v1/chat/completions", json: body, key: key)
            let usage = reply.eventData.compactMap { try? JSONParser.parse($0) }.compactMap { $0["usage"] }.last
            #expect(usage?["prompt_tokens"] == 11)
        }
    }

    @Test func completionsAndEmbeddings() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let completion = try await gateway.post("/v1/completions", json: ["model": "gpt-test", "prompt": "say hi"], key: key)
            #expect(completion.status == 200)
            #expect(completion.json?["choices"]?[0]?["text"] == "upstream completion")
            #expect(await upstream.last?.path == "/v1/completions")

            let embeddings = try await gateway.post("/v1/embeddings", json: ["model": "gpt-test", "input": ["a", "b"]], key: key)
            #expect(embeddings.status == 200)
            #expect(embeddings.json?["data"]?.arrayValue?.count == 2)
            #expect(await upstream.last?.path == "/v1/embeddings")
        }
    }

    @Test func modelsListsThePublicNames() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.get("/v1/models", key: key)
            #expect(reply.status == 200)
            let ids = reply.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids.contains("gpt-test"))
            #expect(ids.contains("claude-test"))
            #expect(try await gateway.get("/v1/models").status == 401)
        }
    }

    @Test func openAIChatToAnAnthropicUpstream() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let body: JSON = [
                "model": "claude-test", "max_tokens": 50,
                "messages": [["role": "system", "content": "be brief"], ["role": "user", "content": "hi claude"]],
            ]
            let reply = try await gateway.post("/v1/chat/completions", json: body, key: key)
            #expect(reply.status == 200)
            #expect(reply.json?["choices"]?[0]?["message"]?["content"] == "upstream says: hi claude")
            #expect(reply.json?["choices"]?[0]?["finish_reason"] == "stop")
            #expect(reply.json?["usage"]?["prompt_tokens"] == 11)

            let call = try #require(await upstream.last)
            #expect(call.path == "/v1/messages")
            #expect(call.headers["x-api-key"] == GatewayFixture.upstreamKey)
            #expect(call.headers["anthropic-version"] != nil)
            #expect(call.body["system"] == "be brief")
            #expect(call.body["max_tokens"] == 50)
        }
    }

    @Test func openAIToolCallsFromAnAnthropicStream() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("anthropic-tool-call", stream: true), key: key)
            let chunks = reply.eventData.dropLast().compactMap { try? JSONParser.parse($0) }
            let toolCalls = chunks.compactMap { $0["choices"]?[0]?["delta"]?["tool_calls"]?[0] }
            #expect(toolCalls.first?["function"]?["name"] == "get_weather")
            let arguments = toolCalls.compactMap { $0["function"]?["arguments"]?.stringValue }.joined()
            #expect(try JSONParser.parse(arguments) == ["city": "Paris"])
            #expect(chunks.contains { $0["choices"]?[0]?["finish_reason"] == "tool_calls" })
            #expect(reply.eventData.last == "[DONE]")
        }
    }

    @Test func anthropicMessagesToBothUpstreamFormats() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            for model in ["gpt-test", "claude-test"] {
                let body: JSON = ["model": .string(model), "max_tokens": 64, "messages": [["role": "user", "content": "hey"]]]
                let reply = try await gateway.post("/v1/messages", json: body, headers: ["x-api-key": key])
                #expect(reply.status == 200, "\(model): \(reply.body)")
                #expect(reply.json?["type"] == "message")
                #expect(reply.json?["content"]?[0]?["text"] == "upstream says: hey")
                #expect(reply.json?["stop_reason"] == "end_turn")
                #expect(reply.json?["usage"]?["output_tokens"] == 7)
            }
        }
    }

    @Test func anthropicStreamingToBothUpstreamFormats() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            for model in ["gpt-test", "claude-test"] {
                let body: JSON = ["model": .string(model), "max_tokens": 64, "stream": true, "messages": [["role": "user", "content": "x y"]]]
                let reply = try await gateway.post("/v1/messages", json: body, headers: ["x-api-key": key])
                #expect(reply.status == 200)
                let events = reply.events
                #expect(events.first?.event == "message_start")
                #expect(events.last?.event == "message_stop")
                let text = events.filter { $0.event == "content_block_delta" }.compactMap {
                    try? JSONParser.parse($0.data)["delta"]?["text"]?.stringValue
                }.joined()
                #expect(text == "upstream says: x y ", "\(model)")
                let delta = events.first { $0.event == "message_delta" }.flatMap { try? JSONParser.parse($0.data) }
                #expect(delta?["delta"]?["stop_reason"] == "end_turn")
            }
        }
    }

    @Test func firstChunkArrivesBeforeTheUpstreamFinishes() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let arrivals = try await StreamTiming.chunkArrivals(
                gateway, path: "/v1/chat/completions", body: GatewayFixture.chat("openai-slow-stream", "one two three", stream: true), key: key)
            // The upstream pauses between each of its chunks; a buffered proxy would deliver everything at once.
            let first = try #require(arrivals.first)
            let last = try #require(arrivals.last)
            #expect(arrivals.count >= 3)
            #expect(last - first >= TestUpstream.slowChunkDelay * 2)
        }
    }

    @Test func aPluginNotListedDoesNotRun() async throws {
        try await TestUpstream.withRunning { upstream, _ in
            // No master-key-auth in plugins.json: a master key in config.yaml alone checks nothing.
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: #"{"plugins": []}"#) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"))
                #expect(reply.status == 200)
            }
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"))
                #expect(reply.status == 401)
            }
        }
    }
}
