import GatewayCore
import GatewayTesting
import OpenAIResponsesDialect
import Testing

/// `/v1/responses` to an Azure deployment whose `api_version` has Azure's Responses API goes to it natively
/// (`/openai/responses?api-version=...`, or `/openai/v1/responses`), with the deployment as the body's `model` and the
/// same credentials as chat; the ids the client sees lead a follow-up back to the deployment, under the upstream's id.
/// A deployment on an older version keeps the translation to chat completions.
struct AzureResponsesTests {
    static let key = GatewayFixture.masterKey
    static let version = "2025-04-01-preview"

    static func entry(_ group: String, _ deployment: String, azure: TestEndpoint, id: String, version: String = version) -> String {
        AzureGatewayTests.entry(
            group, deployment, azure: azure, id: id, auth: ["api_key: \(AzureUpstream.Settings().apiKey)", "api_version: \"\(version)\""])
    }

    /// The final response of a reply, whole or streamed.
    static func response(of reply: TestEndpoint.Reply, stream: Bool) throws -> JSON {
        try #require(stream ? reply.events.last.flatMap { try? JSONParser.parse($0.data)["response"] } : reply.json, "\(reply.body)")
    }

    @Test(arguments: [false, true])
    func goesToAzuresResponsesAPIAsSent(stream: Bool) async throws {
        try await AzureUpstream.withRunning { azure, log in
            let config = AzureGatewayTests.config([Self.entry("gpt-4o", "gpt4o-prod", azure: azure, id: "az-r")])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let sent: JSON = [
                    "model": "gpt-4o", "input": [["role": "user", "content": [["type": "input_text", "text": "hello"]]]],
                    "instructions": "be brief", "stream": .bool(stream), "max_output_tokens": 50, "metadata": ["k": "v"],
                ]
                let reply = try await gateway.post("/v1/responses", json: sent, key: Self.key)
                #expect(reply.status == 200, "\(reply.body)")
                let call = try #require(await log.calls.last)
                #expect(await log.calls.count == 1)
                #expect(call.path == "/openai/responses")
                #expect(call.apiVersion == Self.version)
                #expect(call.headers["api-key"] == AzureUpstream.Settings().apiKey)
                var expected = sent
                expected["model"] = "gpt4o-prod"
                #expect(call.body == expected, "the body as sent, the deployment as its model")

                let response = try Self.response(of: reply, stream: stream)
                #expect(response["object"] == "response")
                #expect(response["x_upstream_extra"]?["kept"] == true, "the upstream's own fields reach the client")
                #expect(response["output"]?[0]?["content"]?[0]?["text"] == "upstream says: hello")
                let id = try #require(response["id"]?.stringValue)
                let decoded = try #require(NativeResponseID(decoding: id), "\(id)")
                #expect(decoded.deploymentID == "az-r")
                #expect(decoded.provider == "azure")
                #expect(decoded.upstreamID.hasPrefix("resp_") && decoded.upstreamID != id)
                if stream {
                    let ids = reply.events.compactMap { try? JSONParser.parse($0.data)["response"]?["id"]?.stringValue }
                    #expect(ids.count >= 3 && Set(ids) == [id], "\(ids)")
                    let deltas = reply.events.compactMap { try? JSONParser.parse($0.data) }.filter { $0["type"] == "response.output_text.delta" }
                    #expect(deltas.compactMap { $0["delta"]?.stringValue }.joined() == "upstream says: hello")
                }
            }
        }
    }

    @Test(arguments: [false, true])
    func aFollowUpGoesBackWithTheUpstreamsID(stream: Bool) async throws {
        try await AzureUpstream.withRunning { azure, log in
            let config = AzureGatewayTests.config([
                Self.entry("gpt-4o", "gpt4o-a", azure: azure, id: "az-a"), Self.entry("gpt-4o", "gpt4o-b", azure: azure, id: "az-b"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let first = try await gateway.post(
                    "/v1/responses", json: ["model": "gpt-4o", "input": "my name is Ada", "stream": .bool(stream)], key: Self.key)
                #expect(first.status == 200, "\(first.body)")
                var id = try #require(Self.response(of: first, stream: stream)["id"]?.stringValue)
                let origin = try #require(NativeResponseID(decoding: id))
                let deployment = try #require(await log.calls.last?.deployment)
                #expect(deployment == (origin.deploymentID == "az-a" ? "gpt4o-a" : "gpt4o-b"))
                for turn in 1...4 {
                    let next = try await gateway.post(
                        "/v1/responses",
                        json: ["model": "gpt-4o", "input": .string("turn \(turn)"), "previous_response_id": .string(id), "stream": .bool(stream)],
                        key: Self.key)
                    #expect(next.status == 200, "turn \(turn): \(next.body)")
                    let call = try #require(await log.calls.last)
                    #expect(call.path == "/openai/responses" && call.deployment == deployment, "turn \(turn) went to the deployment holding it")
                    #expect(call.body["previous_response_id"] == .string(try #require(NativeResponseID(decoding: id)).upstreamID))
                    let response = try Self.response(of: next, stream: stream)
                    #expect(response["previous_response_id"] == .string(id), "the upstream's echo, as the client sent it")
                    #expect(
                        response["output"]?[0]?["content"]?[0]?["text"] == .string("upstream says: turn \(turn) (upstream recalls: my name is Ada)"))
                    id = try #require(response["id"]?.stringValue)
                    #expect(NativeResponseID(decoding: id)?.deploymentID == origin.deploymentID)
                }
            }
        }
    }

    @Test func v1SurfaceAndPreview() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let config = AzureGatewayTests.config([
                Self.entry("v1", "gpt4o-v1", azure: azure, id: "az-v1", version: "v1"),
                Self.entry("preview", "gpt4o-pre", azure: azure, id: "az-pre", version: "preview"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                for (group, deployment, query) in [("v1", "gpt4o-v1", nil), ("preview", "gpt4o-pre", "preview")] {
                    for stream in [false, true] {
                        let reply = try await gateway.post(
                            "/v1/responses", json: ["model": .string(group), "input": "hi", "stream": .bool(stream)], key: Self.key)
                        #expect(reply.status == 200, "\(group): \(reply.body)")
                        let call = try #require(await log.calls.last)
                        #expect(call.path == "/openai/v1/responses" && call.apiVersion == query, "\(group)")
                        #expect(call.body["model"] == .string(deployment))
                        let id = try Self.response(of: reply, stream: stream)["id"]?.stringValue
                        #expect(id.flatMap(NativeResponseID.init(decoding:))?.deploymentID == "az-\(group == "v1" ? "v1" : "pre")")
                    }
                }
            }
        }
    }

    @Test func anOlderVersionIsTranslatedToChat() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let config = AzureGatewayTests.config([AzureGatewayTests.entry("gpt-4o", "gpt4o", azure: azure, id: "az-old")])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/responses", json: ["model": "gpt-4o", "input": "hello"], key: Self.key)
                #expect(reply.status == 200, "\(reply.body)")
                let call = try #require(await log.calls.last)
                #expect(call.path == "/openai/deployments/gpt4o/chat/completions" && call.apiVersion == AzureUpstream.Settings().apiVersion)
                #expect(reply.json?["output"]?[0]?["content"]?[0]?["text"] == "azure says: hello")
                #expect(reply.json?["id"]?.stringValue.flatMap(NativeResponseID.init(decoding:)) == nil, "a gateway id, not a native one")
            }
        }
    }

    @Test func aWrongKeyOrVersionIsRefusedByTheStandIn() async throws {
        try await AzureUpstream.withRunning { azure, _ in
            let config = AzureGatewayTests.config([
                AzureGatewayTests.entry(
                    "bad-key", "gpt4o", azure: azure, id: "az-bad", auth: ["api_key: wrong-key-0000", "api_version: \"\(Self.version)\""]),
                Self.entry("bad-version", "gpt4o", azure: azure, id: "az-unknown", version: "2099-01-01-preview"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let badKey = try await gateway.post("/v1/responses", json: ["model": "bad-key", "input": "hi"], key: Self.key)
                #expect(badKey.status == 502, "\(badKey.body)")
                #expect(badKey.error?["code"] == "upstream_auth_error")
                #expect(!badKey.body.contains("wrong-key-0000"))
                let badVersion = try await gateway.post("/v1/responses", json: ["model": "bad-version", "input": "hi"], key: Self.key)
                #expect(badVersion.status == 404, "\(badVersion.body)")
            }
        }
    }
}
