import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// Malformed requests get a 4xx with an OpenAI-shaped error and a request id, and the gateway keeps serving.
struct BadInputTests {
    let key = GatewayFixture.masterKey

    /// Checks the error shape every rejection must have.
    func expectError(_ reply: TestEndpoint.Reply, status: Int, code: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == status, "body: \(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.error?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(reply.error?["type"]?.stringValue != nil, sourceLocation: sourceLocation)
        if let code { #expect(reply.error?["code"]?.stringValue == code, sourceLocation: sourceLocation) }
        #expect(reply.header("x-request-id") != nil, sourceLocation: sourceLocation)
        #expect(reply.header("x-litellm-call-id") == reply.header("x-request-id"), sourceLocation: sourceLocation)
        #expect(reply.header("content-type")?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    }

    @Test func invalidJSON() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.request(
                .POST, "/v1/chat/completions", body: #"{"model": "gpt-test", "#, headers: ["authorization": "Bearer \(key)"])
            expectError(reply, status: 400, code: "invalid_json")
            #expect(reply.error?["message"]?.stringValue?.contains("line 1") == true)
        }
    }

    @Test func bodyThatIsNotAnObject() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            for body in ["[1, 2]", "\"text\"", "42", "null"] {
                let reply = try await gateway.request(.POST, "/v1/chat/completions", body: body, headers: ["authorization": "Bearer \(key)"])
                expectError(reply, status: 400, code: "invalid_body")
            }
        }
    }

    @Test func missingOrMistypedModel() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let missing = try await gateway.post("/v1/chat/completions", json: ["messages": [["role": "user", "content": "x"]]], key: key)
            expectError(missing, status: 400, code: "missing_model")
            #expect(missing.error?["param"] == "model")
            let mistyped = try await gateway.post("/v1/chat/completions", json: ["model": 7, "messages": []], key: key)
            expectError(mistyped, status: 400)
        }
    }

    @Test func commaSeparatedModelsAreRefusedClearly() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test,gpt-test"), key: key)
            expectError(reply, status: 400, code: "batch_completion_not_supported")
            #expect(reply.error?["param"] == "model")
            #expect(await upstream.calls.isEmpty)
        }
    }

    @Test func unknownModel() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("no-such-model"), key: key)
            expectError(reply, status: 404, code: "model_not_found")
            #expect(await upstream.calls.isEmpty)
        }
    }

    @Test func missingMessages() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: ["model": "gpt-test", "messages": "hi"], key: key)
            expectError(reply, status: 400)
            #expect(reply.error?["param"] == "messages")
        }
    }

    @Test func bodyOverTheConfiguredLimit() async throws {
        // 0.001 MB ≈ 1 KB
        try await GatewayFixture.withGateway(generalSettings: "  max_request_size_mb: 0.001") { gateway, upstream in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", String(repeating: "a", count: 4096)), key: key)
            expectError(reply, status: 413, code: "request_too_large")
            #expect(await upstream.calls.isEmpty)
            let small = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "small"), key: key)
            #expect(small.status == 200)
        }
    }

    @Test func wrongMethodAndUnknownRoute() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            expectError(try await gateway.get("/v1/chat/completions", key: key), status: 405, code: "method_not_allowed")
            expectError(try await gateway.request(.DELETE, "/v1/embeddings"), status: 405, code: "method_not_allowed")
            expectError(try await gateway.request(.POST, "/v1/models", body: "{}"), status: 405)
            expectError(try await gateway.get("/v1/nothing-here"), status: 404, code: "route_not_found")
        }
    }

    @Test func missingAndWrongKeys() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            expectError(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test")), status: 401, code: "invalid_api_key")
            let wrong = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: "sk-wrong")
            expectError(wrong, status: 401, code: "invalid_api_key")
            #expect(!wrong.body.contains("sk-wrong"))
            #expect(!wrong.body.contains(GatewayFixture.masterKey))
            #expect(await upstream.calls.isEmpty)
            // The Anthropic SDK's header and Azure's header are accepted too.
            let viaXAPIKey = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), headers: ["x-api-key": key])
            #expect(viaXAPIKey.status == 200)
            let viaAPIKey = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), headers: ["api-key": key])
            #expect(viaAPIKey.status == 200)
        }
    }

    @Test func anthropicErrorsCarryBothShapes() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post(
                "/v1/messages", json: ["model": "claude-test", "max_tokens": 5, "messages": "x"], headers: ["x-api-key": key])
            expectError(reply, status: 400)
            #expect(reply.json?["type"] == "error")
        }
    }

    @Test func gatewayStaysHealthyAfterBadInput() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            for body in ["{", "[]", "{\"model\": null}", String(repeating: "[", count: 10_000)] {
                _ = try await gateway.request(.POST, "/v1/chat/completions", body: body, headers: ["authorization": "Bearer \(key)"])
            }
            #expect(try await gateway.get("/health/liveliness").status == 200)
            #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key).status == 200)
        }
    }
}
