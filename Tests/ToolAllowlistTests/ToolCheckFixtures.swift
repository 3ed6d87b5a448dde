import GatewayCore

/// Requests and principals for the tool allowlist suites, built directly (hooks are tested by a direct call).
enum ToolCheckFixtures {
    /// A principal as the virtual-keys auth hook builds it: the key's metadata and its team's.
    static func principal(key: [String]? = nil, team: [String]? = nil) -> Principal {
        var principal = Principal(subject: "key:abc", role: .user, keyHash: "abc", metadata: metadata(key))
        principal.teamMetadata = metadata(team)
        return principal
    }

    static func metadata(_ tools: [String]?) -> JSON {
        guard let tools else { return ["tags": ["prod"]] }
        return ["allowed_tools": .array(tools.map { .string($0) })]
    }

    /// A chat request offering `tools` in the `tools[].function` shape, plus any `extra` body fields.
    static func chat(tools: [String] = [], principal: Principal, extra: [String: JSON] = [:]) -> GatewayRequest {
        var body: JSON = ["model": "gpt-test", "messages": [["role": "user", "content": "hi"]]]
        if !tools.isEmpty { body["tools"] = .array(tools.map(chatTool)) }
        for (key, value) in extra { body[key] = value }
        return GatewayRequest(id: "req-1", endpoint: .chatCompletions, body: body, principal: principal, receivedAtDate: 1_700_000_000)
    }

    static func chatTool(_ name: String) -> JSON {
        ["type": "function", "function": ["name": .string(name), "parameters": ["type": "object", "properties": [:]]]]
    }

    /// A complete chat completion whose message calls `names`.
    static func response(calling names: [String]) -> JSON {
        let calls: [JSON] = names.enumerated().map { index, name in
            ["id": .string("call_\(index)"), "type": "function", "function": ["name": .string(name), "arguments": "{}"]]
        }
        return [
            "object": "chat.completion",
            "choices": [["index": 0, "message": ["role": "assistant", "content": nil, "tool_calls": .array(calls)], "finish_reason": "tool_calls"]],
        ]
    }

    /// A streamed chunk with `delta`.
    static func chunk(_ delta: JSON) -> StreamChunk {
        StreamChunk(json: ["object": "chat.completion.chunk", "choices": [["index": 0, "delta": delta, "finish_reason": nil]]])
    }
}
