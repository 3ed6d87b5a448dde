import GatewayCore
import GatewayTesting
import Testing

/// The hooks on Gemini's routes work as on chat: the tool allowlist reads the function declarations, budgets refuse
/// a key over its budget, the spend log records the call, and a masking guardrail's change reaches the upstream.
struct GeminiInboundHooksTests {
    static func withTools(_ names: [String], model: String = "gpt-test") -> JSON {
        [
            "contents": [["role": "user", "parts": [["text": "weather in Paris?"]]]],
            "tools": [["functionDeclarations": .array(names.map { ["name": .string($0), "parameters": ["type": "OBJECT", "properties": [:]]] })]],
        ]
    }

    @Test("a function declaration outside the key's allowed_tools is refused", arguments: KeyBackend.available)
    func toolAllowlist(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            let key = try await gateway.toolKey(["get_weather"])
            let path = "/v1beta/models/gpt-test:generateContent"
            let allowed = try await gateway.endpoint.post(path, json: Self.withTools(["get_weather"]), headers: ["x-goog-api-key": key])
            #expect(allowed.status == 200, "\(allowed.body)")
            let denied = try await gateway.endpoint.post(path, json: Self.withTools(["get_weather", "send_email"]), headers: ["x-goog-api-key": key])
            #expect(denied.status == 403, "\(denied.body)")
            #expect(denied.json?["error"]?["status"] == "PERMISSION_DENIED", "\(denied.body)")
            #expect(denied.json?["error"]?["message"]?.stringValue?.contains("send_email") == true, "\(denied.body)")
        }
    }

    @Test("the call's cost reaches the spend log, and a key over its budget is refused", arguments: [false, true])
    func spendAndBudget(stream: Bool) async throws {
        try await ReservationGateway.run { gateway in
            await gateway.gate.release(.answer)
            let key = try await gateway.generateKey(["max_budget": 1])
            let path = "/v1beta/models/held:\(stream ? "streamGenerateContent?alt=sse" : "generateContent")"
            let body: JSON = ["contents": [["role": "user", "parts": [["text": "hello"]]]], "generationConfig": ["maxOutputTokens": 20]]
            let reply = try await gateway.endpoint.post(path, json: body, headers: ["x-goog-api-key": key.secret])
            #expect(reply.status == 200, "\(reply.body)")
            let requestID = try #require(reply.header("x-request-id"))
            let row = try await gateway.spendRow(requestID: requestID)
            #expect(row["status"] == "success")
            #expect(row["call_type"] == "gemini_generate_content", "\(row)")
            #expect(row["spend"]?.doubleValue == ReservationGateway.callCost, "\(row)")

            try await gateway.create("/key/update", ["key": .string(key.hash), "max_budget": .double(ReservationGateway.callCost)])
            let refused = try await gateway.endpoint.post(path, json: body, headers: ["x-goog-api-key": key.secret])
            #expect(refused.status == 400, "\(refused.body)")
            #expect(refused.body.contains("max budget"), "\(refused.body)")
            #expect(refused.json?["error"]?["status"] == "INVALID_ARGUMENT", "\(refused.body)")
        }
    }

    @Test("a masking guardrail rewrites the text the upstream gets, and the answer says so")
    func guardrailMasks() async throws {
        try await GuardrailsGateway.withGateway { gateway, recorder in
            let body: JSON = ["contents": [["role": "user", "parts": [["text": "mail bob@example.com today"]]]]]
            let reply = try await gateway.post(
                "/v1beta/models/gpt-test:generateContent", json: body, headers: ["x-goog-api-key": GatewayFixture.masterKey])
            #expect(reply.status == 200, "\(reply.body)")
            #expect(await recorder.last?.body["messages"]?[0]?["content"] == "mail [EMAIL] today")
            #expect(reply.json?["candidates"]?[0]?["content"]?["parts"]?[0]?["text"] == "upstream says: mail [EMAIL] today")

            let blocked = try await gateway.post(
                "/v1beta/models/gpt-test:generateContent", json: ["contents": [["parts": [["text": "open sesame"]]]]],
                headers: ["x-goog-api-key": GatewayFixture.masterKey])
            #expect(blocked.status == 400, "\(blocked.body)")
            #expect(blocked.json?["error"]?["code"] == 400, "\(blocked.body)")
        }
    }

    @Test(
        "a key's allowed_routes name Gemini's routes by their templates (one for all); llm_api_routes admits them, openai_routes does not",
        arguments: KeyBackend.available)
    func allowedRoutes(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            func key(_ routes: [String]) async throws -> String {
                try await gateway.generate(["allowed_routes": .array(routes.map { .string($0) })]).secret
            }
            let body: JSON = ["contents": [["role": "user", "parts": [["text": "hi"]]]]]
            func call(_ key: String, stream: Bool = false) async throws -> TestEndpoint.Reply {
                let method = stream ? "streamGenerateContent?alt=sse" : "generateContent"
                return try await gateway.endpoint.post("/v1beta/models/gpt-test:\(method)", json: body, headers: ["x-goog-api-key": key])
            }
            func denied(_ reply: TestEndpoint.Reply) -> Bool {
                reply.status == 403 && reply.json?["error"]?["details"]?[0]?["reason"] == "route_not_allowed"
            }
            #expect(try await call(try await key(["llm_api_routes"])).status == 200)
            #expect(denied(try await call(try await key(["openai_routes"]))))
            let generateOnly = try await key(["/v1beta/models/{model}:generateContent"])
            #expect(try await call(generateOnly).status == 200)
            // One endpoint, several paths (as /v1/chat/completions and /chat/completions): naming one admits the others.
            #expect(try await call(generateOnly, stream: true).status == 200)
        }
    }
}
