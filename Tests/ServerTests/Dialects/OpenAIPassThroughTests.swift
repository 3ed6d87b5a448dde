import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// OpenAI chat to an OpenAI-compatible upstream is a pass-through: fields the gateway does not know reach the
/// upstream unchanged, and the upstream's answer and each streamed chunk reach the client as its bytes.
struct OpenAIPassThroughTests {
    /// A chat body with fields of newer API versions and one no version has.
    static func body(stream: Bool) -> JSON {
        [
            "model": "gpt-pass", "stream": .bool(stream), "reasoning_effort": "high",
            "messages": [["role": "developer", "content": "Be brief."], ["role": "user", "content": "hi"]],
            "prediction": ["type": "content", "content": "as sent"], "modalities": ["text"],
            "response_format": ["type": "json_schema", "json_schema": ["name": "x", "strict": true, "schema": ["type": "object"]]],
            "future_field": ["nested": [1, 2.5, "x"], "flag": nil], "stream_options": stream ? ["include_usage": true] : nil,
        ]
    }

    static func withGateway(_ body: (TestEndpoint, PassThroughUpstream) async throws -> Void) async throws {
        try await PassThroughUpstream.withRunning { upstream, recorder in
            let config = """
                model_list:
                  - model_name: gpt-pass
                    litellm_params: {model: openai/gpt-pass-upstream, api_base: "\(upstream.baseURL)/v1", api_key: sk-upstream}
                general_settings:
                  master_key: \(GatewayFixture.masterKey)
                """
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in try await body(gateway, recorder) }
        }
    }

    @Test("unknown fields reach the upstream unchanged, and the answer reaches the client byte for byte")
    func wholeAnswer() async throws {
        try await Self.withGateway { gateway, upstream in
            var sent = Self.body(stream: false)
            sent["stream_options"] = nil
            let reply = try await gateway.post("/v1/chat/completions", json: sent, key: GatewayFixture.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.body == PassThroughUpstream.answer, "the upstream's bytes")
            let received = try JSONParser.parse(try #require(upstream.bodies.last))
            var expected = sent
            expected["model"] = "gpt-pass-upstream"
            #expect(received == expected, "only the model changed")
        }
    }

    @Test("an unchanged body goes upstream as the client's bytes, only the model's value replaced")
    func clientBytesUpstream() async throws {
        try await Self.withGateway { gateway, upstream in
            let sent = """
                {"messages": [{"role": "user", "content": "hi \\u00e9 \\"quoted\\""}],
                  "model" : "gpt-pass",  "future_field": {"model": "nested", "n": 1.50}, "reasoning_effort": "high"}
                """
            let reply = try await gateway.request(
                .POST, "/v1/chat/completions", body: sent, headers: ["authorization": "Bearer \(GatewayFixture.masterKey)"])
            #expect(reply.status == 200, "\(reply.body)")
            #expect(upstream.bodies.last == sent.replacingOccurrences(of: "\"gpt-pass\"", with: "\"gpt-pass-upstream\""))
        }
    }

    @Test("each streamed chunk reaches the client as the upstream's bytes")
    func streamedChunks() async throws {
        try await Self.withGateway { gateway, upstream in
            let sent = Self.body(stream: true)
            let reply = try await gateway.post("/v1/chat/completions", json: sent, key: GatewayFixture.masterKey)
            #expect(reply.status == 200)
            let payloads = reply.body.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
            #expect(payloads == PassThroughUpstream.chunks + ["[DONE]"])
            let received = try JSONParser.parse(try #require(upstream.bodies.last))
            var expected = sent
            expected["model"] = "gpt-pass-upstream"
            #expect(received == expected, "only the model changed")
        }
    }
}
