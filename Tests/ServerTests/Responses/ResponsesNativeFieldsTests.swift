import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// What a Responses request carries beyond chat completions (built-in tools, fields the translation does not know,
/// input items without a chat counterpart) reaches a deployment speaking the Responses API as sent, and is refused
/// naming it, or dropped with `drop_params`, for one that does not.
struct ResponsesNativeFieldsTests {
    static let key = GatewayFixture.masterKey

    /// A body with a built-in tool, an unknown top-level field, and an input item chat cannot express, between
    /// translatable ones (so the names of the parts left out are checked against the body as sent).
    static func body(model: String, extension: Bool = true) -> JSON {
        var body: JSON = [
            "model": .string(model), "store": false, "background": false,
            "input": [
                ["role": "user", "content": "find the weather"],
                ["type": "item_reference", "id": "msg_earlier"],
                ["role": "user", "content": [["type": "input_text", "text": "in Paris"], ["type": "input_image", "file_id": "file-1"]]],
            ],
            "tools": [
                ["type": "function", "name": "get_weather", "parameters": ["type": "object", "properties": [:]]],
                ["type": "web_search", "search_context_size": "low"],
            ],
        ]
        if `extension` { body["x_client_extension"] = ["kept": true] }
        return body
    }

    @Test func aNativeDeploymentGetsEverythingAsSent() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let reply = try await gateway.post("/v1/responses", json: Self.body(model: "gpt-test"), key: Self.key)
            #expect(reply.status == 200, "\(reply.body)")
            var expected = Self.body(model: "gpt-test")
            expected["model"] = "echo"
            #expect(await upstream.last?.body == expected, "built-in tool, unknown field and untranslatable items reach the upstream")
            #expect(await upstream.last?.path == "/v1/responses")
        }
    }

    @Test func aChatDeploymentRefusesNamingTheFirstPartAsSent() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let reply = try await gateway.post("/v1/responses", json: Self.body(model: "claude-test", extension: false), key: Self.key)
            #expect(reply.status == 400, "\(reply.body)")
            #expect(reply.error?["param"] == "input[1]", "the item_reference, named where the client put it: \(reply.body)")
            #expect(reply.error?["code"] == "unsupported_params")
            #expect(reply.error?["message"]?.stringValue?.contains("drop_params") == true)
            #expect(await upstream.calls.isEmpty)
        }
    }

    @Test func dropParamsSendsWhatChatCanExpress() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config([RoutingFixture.entry("chat-lenient", "echo", upstream: upstream, extra: "drop_params: true")])
                .replacingOccurrences(of: "openai/echo", with: "hosted_vllm/echo")
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/responses", json: Self.body(model: "chat-lenient"), key: RoutingFixture.key)
                #expect(reply.status == 200, "\(reply.body)")
                let sent = try #require(await recorder.last)
                #expect(sent.path == "/v1/chat/completions")
                #expect(sent.body["tools"]?.arrayValue?.count == 1, "the function tool only: \(sent.body)")
                #expect(sent.body["x_client_extension"] == nil)
                let texts = (sent.body["messages"]?.arrayValue ?? []).map { "\($0["content"] ?? "")" }.joined(separator: " ")
                #expect(texts.contains("find the weather") && texts.contains("in Paris"), "\(sent.body)")
            }
        }
    }
}
