import GatewayCore
import GatewayTesting
import Testing

/// The response half of the tool matrix over HTTP (beyond LiteLLM): the test upstream's `tool-call` models answer
/// with a call to `get_weather`, whole or streamed, in OpenAI's format and in Anthropic's (translated to chunks).
struct ToolAllowlistResponseTests {
    static let formats = ["openai", "anthropic"]

    @Test(arguments: KeyBackend.available)
    func aCompleteResponseCallingADisallowedToolIs403(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            let key = try await gateway.toolKey(["search"])
            for format in Self.formats {
                // The request offers an allowed tool; the model calls another one anyway.
                let reply = try await gateway.chat(ToolRequests.chat(model: "\(format)-tool-call", tools: ["search"]), key: key)
                #expect(reply.isToolDenial(naming: ["get_weather"]), "\(format): \(reply.body)")
                #expect(reply.error?["message"]?.stringValue?.hasPrefix("The model called tool 'get_weather'") == true)
                #expect(!reply.body.contains("Paris"), "the tool call's arguments must not reach the client")
            }
            let anthropic = try await gateway.messages(ToolRequests.messages(model: "anthropic-tool-call", tools: ["search"]), key: key)
            #expect(anthropic.isToolDenial(naming: ["get_weather"]), "\(anthropic.body)")
        }
    }

    @Test(arguments: KeyBackend.available)
    func aStreamCallingADisallowedToolEndsWithAnErrorEvent(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            try await gateway.createTeam("tools-team", metadata: ["allowed_tools": ["search"]])
            let key = try await gateway.toolKey(nil, team: "tools-team")
            for format in Self.formats {
                let reply = try await gateway.chat(ToolRequests.chat(model: "\(format)-tool-call", stream: true), key: key)
                #expect(reply.status == 200, "the stream had begun: \(reply.body)")
                let chunks = reply.chunkJSON
                let error = try #require(chunks.last?["error"], "\(format): \(reply.body)")
                #expect(error["type"] == "tool_access_denied")
                #expect(error["message"]?.stringValue == TestEndpoint.Reply.names(["get_weather"], source: "this key's team's")[1])
                #expect(!reply.eventData.contains("[DONE]"))
                // The chunk that started the call was withheld: no tool call reached the client.
                #expect(!reply.body.contains("\"tool_calls\""), "\(format): \(reply.body)")
            }
            let anthropic = try await gateway.messages(ToolRequests.messages(model: "openai-tool-call", tools: ["search"], stream: true), key: key)
            let events = anthropic.events
            #expect(events.last?.event == "error", "\(anthropic.body)")
            #expect(events.last?.data.contains("tool_access_denied") == true)
            #expect(!events.contains { $0.event == "message_stop" })
            #expect(!anthropic.body.contains("tool_use"))
        }
    }

    @Test(arguments: KeyBackend.available)
    func anAllowedToolPassesBothWays(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            let key = try await gateway.toolKey(["get_weather"])
            for format in Self.formats {
                let body = ToolRequests.chat(model: "\(format)-tool-call", tools: ["get_weather"])
                let whole = try await gateway.chat(body, key: key)
                #expect(whole.status == 200, "\(format): \(whole.body)")
                let call = whole.json?["choices"]?[0]?["message"]?["tool_calls"]?[0]?["function"]?["name"]
                #expect(call == "get_weather", "\(format): \(whole.body)")

                var streamBody = body
                streamBody["stream"] = true
                let streamed = try await gateway.chat(streamBody, key: key)
                #expect(streamed.status == 200)
                #expect(streamed.eventData.last == "[DONE]", "\(format): \(streamed.body)")
                let names = streamed.chunkJSON.flatMap { chunk in
                    (chunk["choices"]?[0]?["delta"]?["tool_calls"]?.arrayValue ?? []).compactMap { $0["function"]?["name"]?.stringValue }
                }
                #expect(names == ["get_weather"], "\(format): \(streamed.body)")
                #expect(!streamed.chunkJSON.contains { $0["error"] != nil })
            }
            let anthropic = try await gateway.messages(ToolRequests.messages(model: "anthropic-tool-call", tools: ["get_weather"]), key: key)
            #expect(anthropic.status == 200, "\(anthropic.body)")
            let content = anthropic.json?["content"]?.arrayValue ?? []
            #expect(content.contains { $0["type"] == "tool_use" && $0["name"] == "get_weather" }, "\(anthropic.body)")
            let stream = try await gateway.messages(
                ToolRequests.messages(model: "anthropic-tool-call", tools: ["get_weather"], stream: true), key: key)
            #expect(stream.events.last?.event == "message_stop", "\(stream.body)")
            #expect(stream.body.contains("get_weather"))
        }
    }

    @Test(arguments: KeyBackend.available)
    func checkResponsesFalseLetsTheModelsCallsThrough(_ backend: KeyBackend) async throws {
        let plugin = #"{"name": "tool-allowlist", "config": {"check_responses": false}}"#
        try await KeyTestGateway.run(backend, pluginsAfterKeys: [plugin]) { gateway in
            let key = try await gateway.toolKey(["search"])
            #expect(try await gateway.chat(ToolRequests.chat(model: "openai-tool-call"), key: key).status == 200)
            let streamed = try await gateway.chat(ToolRequests.chat(model: "openai-tool-call", stream: true), key: key)
            #expect(streamed.eventData.last == "[DONE]")
            // The request check still applies.
            #expect(try await gateway.chat(ToolRequests.chat(tools: ["get_weather"]), key: key).isToolDenial(naming: ["get_weather"]))
        }
    }
}
