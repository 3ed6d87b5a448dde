import AsyncHTTPClient
import GatewayCore
import Logging

@testable import Guardrails

/// Builds hooks and requests for direct calls, without a gateway.
enum GuardrailTestSupport {
    static func enforcer(_ entries: [JSON], streamWindow: Int = 64) throws -> GuardrailEnforcer {
        let configuration = try GuardrailsPlugin.Configuration(entries: entries, streamWindow: streamWindow)
        return GuardrailEnforcer(
            definitions: configuration.definitions, windowCharacters: configuration.streamWindow,
            services: GuardrailServices(httpClient: .shared, logger: Logger(label: "guardrails-test")))
    }

    static func request(
        _ text: String, id: String = "req-1", principal: Principal = .anonymous, extra: [String: JSON] = [:]
    ) -> GatewayRequest {
        var body: JSON = ["model": "gpt-test", "messages": [["role": "user", "content": .string(text)]]]
        for (key, value) in extra { body[key] = value }
        return GatewayRequest(id: id, endpoint: .chatCompletions, body: body, principal: principal, receivedAtDate: 0)
    }

    static func userText(_ request: GatewayRequest) -> String? {
        request.body["messages"]?[0]?["content"]?.stringValue
    }

    static func response(_ text: String) -> JSON {
        ["id": "x", "choices": [["index": 0, "message": ["role": "assistant", "content": .string(text)], "finish_reason": "stop"]]]
    }

    static func chunk(_ text: String?, finish: Bool = false) -> StreamChunk {
        var delta: JSON = [:]
        if let text { delta["content"] = .string(text) }
        return StreamChunk(json: ["choices": [["index": 0, "delta": delta, "finish_reason": finish ? "stop" : nil]]])
    }

    static func text(of chunk: StreamChunk?) -> String? {
        chunk?.json["choices"]?[0]?["delta"]?["content"]?.stringValue
    }
}
