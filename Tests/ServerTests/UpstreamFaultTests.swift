import GatewayCore
import GatewayTesting
import Testing

/// Upstream failures become a clear 502/504/429 (or an error event mid-stream); the gateway stays healthy.
struct UpstreamFaultTests {
    let key = GatewayFixture.masterKey

    @Test(arguments: ["openai", "anthropic"])
    func statusMapping(format: String) async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let expectations: [(mode: String, status: Int, code: String)] = [
                ("status-500", 502, "upstream_error"), ("status-429", 429, "rate_limit_exceeded"), ("status-400", 400, "upstream_rejected"),
                ("status-401", 502, "upstream_auth_error"), ("not-json", 502, "upstream_invalid_response"),
            ]
            for expected in expectations {
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("\(format)-\(expected.mode)"), key: key)
                #expect(reply.status == expected.status, "\(format)-\(expected.mode): \(reply.body)")
                #expect(reply.error?["code"]?.stringValue == expected.code, "\(format)-\(expected.mode)")
                // The deployment's credential never leaks into an error.
                #expect(!reply.body.contains(GatewayFixture.upstreamKey))
            }
            #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key).status == 200)
        }
    }

    @Test func upstreamMessageIsQuoted() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai-status-500"), key: key)
            #expect(reply.error?["message"]?.stringValue?.contains("upstream failure 500") == true)
        }
    }

    @Test func refusedConnection() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("refused"), key: key)
            #expect(reply.status == 502)
            #expect(reply.error?["code"] == "upstream_unreachable")
            #expect(try await gateway.get("/health/liveliness").status == 200)
        }
    }

    @Test func timeout() async throws {
        try await GatewayFixture.withGateway(hangTimeout: 0.5) { gateway, _ in
            for model in ["openai-hang", "anthropic-hang"] {
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(model), key: key)
                #expect(reply.status == 504, "\(model): \(reply.body)")
                #expect(reply.error?["code"] == "upstream_timeout")
            }
            // The timed-out calls left nothing behind: the gateway still serves (on the same upstream host).
            let after = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key)
            #expect(after.status == 200, "\(after.body)")
        }
    }

    @Test(arguments: ["openai", "anthropic"])
    func streamCutInTheMiddle(format: String) async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("\(format)-cut-stream", stream: true), key: key)
            #expect(reply.status == 200)
            let data = reply.eventData
            #expect(!data.contains("[DONE]"))
            let last = try JSONParser.parse(try #require(data.last))
            #expect(last["error"]?["code"]?.stringValue?.hasPrefix("upstream_") == true, "\(reply.body)")
            // Content sent before the cut reached the client.
            #expect(data.count >= 2)
            #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key).status == 200)
        }
    }

    @Test func streamedUpstreamErrorBeforeTheFirstChunk() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai-status-429", stream: true), key: key)
            #expect(reply.status == 429)
            #expect(reply.error?["code"] == "rate_limit_exceeded")
        }
    }

    @Test func anthropicClientSeesAnErrorEventWhenTheStreamIsCut() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let body: JSON = ["model": "openai-cut-stream", "max_tokens": 10, "stream": true, "messages": [["role": "user", "content": "x"]]]
            let reply = try await gateway.post("/v1/messages", json: body, headers: ["x-api-key": key])
            let events = reply.events
            #expect(events.first?.event == "message_start")
            #expect(events.last?.event == "error")
            #expect(!events.contains { $0.event == "message_stop" })
        }
    }
}
