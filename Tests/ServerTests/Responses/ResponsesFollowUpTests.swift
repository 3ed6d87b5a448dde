import Foundation
import GatewayCore
import GatewayTesting
import OpenAIResponsesDialect
import Testing

/// A follow-up (`previous_response_id`) of a response an upstream's own Responses API created goes back to the
/// deployment that created it, with the upstream's id, whichever deployment of the group routing would pick, and with
/// no storage plugin at all: the id the client holds names both (``NativeResponseID``). The test upstream refuses a
/// `previous_response_id` it never issued and recalls how the conversation began (``IssuedResponses``).
struct ResponsesFollowUpTests {
    static let key = GatewayFixture.masterKey

    /// Two deployments of one group, told apart upstream by their API keys.
    static func pair(_ upstream: TestEndpoint) -> String {
        ["a", "b"].map { name in
            """
              - model_name: gpt-pair
                litellm_params:
                  model: openai/echo
                  api_base: \(upstream.baseURL)/v1
                  api_key: sk-pair-\(name)
                model_info:
                  id: pair-\(name)
            """
        }.joined(separator: "\n")
    }

    static func withPair(_ body: (TestEndpoint, UpstreamRecorder) async throws -> Void) async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream, extra: pair(upstream)), plugins: GatewayFixture.authOnly
            ) {
                gateway in try await body(gateway, recorder)
            }
        }
    }

    /// The final response of a reply, whole or streamed.
    static func response(of reply: TestEndpoint.Reply, stream: Bool) throws -> JSON {
        try #require(stream ? reply.events.last.flatMap { try? JSONParser.parse($0.data)["response"] } : reply.json, "\(reply.body)")
    }

    @Test(arguments: [false, true])
    func aConversationStaysWithItsDeploymentWithoutAStore(stream: Bool) async throws {
        try await Self.withPair { gateway, upstream in
            let first = try await gateway.post(
                "/v1/responses", json: ["model": "gpt-pair", "input": "my name is Ada", "stream": .bool(stream)], key: Self.key)
            #expect(first.status == 200, "\(first.body)")
            var id = try #require(Self.response(of: first, stream: stream)["id"]?.stringValue)
            let origin = try #require(NativeResponseID(decoding: id), "\(id)")
            #expect(["pair-a", "pair-b"].contains(origin.deploymentID))
            #expect(origin.provider == "openai")
            let keyUsed = try #require(await upstream.last?.headers["authorization"])
            #expect(keyUsed == "Bearer sk-\(origin.deploymentID)")
            if stream {
                // Every event that carries the response carries the id the client will send back.
                let ids = reply(first).compactMap { $0["response"]?["id"]?.stringValue }
                #expect(ids.count >= 3 && Set(ids) == [id], "\(ids)")
            }

            // Enough turns that a shuffle over two deployments would have strayed at least once.
            for turn in 1...6 {
                let next = try await gateway.post(
                    "/v1/responses",
                    json: ["model": "gpt-pair", "input": .string("turn \(turn)"), "previous_response_id": .string(id), "stream": .bool(stream)],
                    key: Self.key)
                #expect(next.status == 200, "turn \(turn): \(next.body)")
                let call = try #require(await upstream.last)
                #expect(call.headers["authorization"] == keyUsed, "turn \(turn) went to the deployment holding the conversation")
                #expect(call.path == "/v1/responses")
                let previous = try #require(NativeResponseID(decoding: id))
                #expect(call.body["previous_response_id"] == .string(previous.upstreamID))
                let response = try Self.response(of: next, stream: stream)
                #expect(response["previous_response_id"] == .string(id), "the upstream's echo, as the client sent it")
                let text = response["output"]?[0]?["content"]?[0]?["text"]?.stringValue
                #expect(text == "upstream says: turn \(turn) (upstream recalls: my name is Ada)")
                id = try #require(response["id"]?.stringValue)
                #expect(NativeResponseID(decoding: id)?.deploymentID == origin.deploymentID)
            }
        }
    }

    /// The data of each event of a streamed reply.
    private func reply(_ reply: TestEndpoint.Reply) -> [JSON] {
        reply.events.compactMap { try? JSONParser.parse($0.data) }
    }

    @Test func aDeploymentOutsideTheModelIsRefused() async throws {
        try await Self.withPair { gateway, upstream in
            let elsewhere = NativeResponseID(deploymentID: "no-such-deployment", provider: "openai", upstreamID: "resp_1").encoded
            let reply = try await gateway.post(
                "/v1/responses", json: ["model": "gpt-pair", "input": "hi", "previous_response_id": .string(elsewhere)], key: Self.key)
            #expect(reply.status == 400, "\(reply.body)")
            #expect(reply.error?["code"] == "deployment_not_found")
            #expect(await upstream.last == nil, "nothing went upstream")
        }
    }

    @Test func anIDTheUpstreamNeverIssuedGetsItsRefusal() async throws {
        try await Self.withPair { gateway, _ in
            let forged = NativeResponseID(deploymentID: "pair-a", provider: "openai", upstreamID: "resp_never_issued").encoded
            let reply = try await gateway.post(
                "/v1/responses", json: ["model": "gpt-pair", "input": "hi", "previous_response_id": .string(forged)], key: Self.key)
            #expect(reply.status == 400, "\(reply.body)")
            #expect(reply.error?["message"]?.stringValue?.contains("resp_never_issued") == true, "the upstream's message: \(reply.body)")
        }
    }

    @Test func aPlainIDWithoutAStoreIsNotFound() async throws {
        try await Self.withPair { gateway, _ in
            let reply = try await gateway.post(
                "/v1/responses", json: ["model": "gpt-pair", "input": "hi", "previous_response_id": "resp_0123"], key: Self.key)
            #expect(reply.status == 404, "\(reply.body)")
            #expect(reply.error?["param"] == "previous_response_id")
        }
    }

    @Test func theIDRoundTrips() {
        let id = NativeResponseID(deploymentID: "dep/1+=", provider: "openai", upstreamID: "resp_abc;def")
        #expect(NativeResponseID(decoding: id.encoded) == id)
        #expect(!id.encoded.contains("/") && !id.encoded.contains("+") && !id.encoded.contains("="), "usable in a URL path")
        // LiteLLM's own form (standard base64) reads the same.
        let litellm = "resp_" + Data("litellm:custom_llm_provider:openai;model_id:m1;response_id:resp_x".utf8).base64EncodedString()
        #expect(NativeResponseID(decoding: litellm) == NativeResponseID(deploymentID: "m1", provider: "openai", upstreamID: "resp_x"))
        #expect(NativeResponseID(decoding: "resp_0123456789abcdef") == nil)
        #expect(NativeResponseID(decoding: "resp_" + String(repeating: "A", count: 600)) == nil)
    }
}
