import GatewayCore
import GatewayTesting
import Testing

/// Bodies and calls for the tool allowlist suites: each request shape that carries tools, against a
/// ``KeyTestGateway`` with `tool-allowlist` enabled after `virtual-keys`.
enum ToolRequests {
    static let plugin = #"{"name": "tool-allowlist"}"#

    /// A chat completion offering `tools` (`tools[].function`) and legacy `functions`.
    static func chat(model: String = "gpt-test", tools: [String] = [], functions: [String] = [], stream: Bool = false) -> JSON {
        var body = GatewayFixture.chat(model, "weather in Paris?", stream: stream)
        if !tools.isEmpty {
            body["tools"] = .array(
                tools.map { ["type": "function", "function": ["name": .string($0), "parameters": ["type": "object", "properties": [:]]]] })
        }
        if !functions.isEmpty { body["functions"] = .array(functions.map { ["name": .string($0), "parameters": ["type": "object"]] }) }
        return body
    }

    /// An Anthropic `/v1/messages` body offering `tools` (`tools[].name`, `input_schema`).
    static func messages(model: String = "gpt-test", tools: [String], stream: Bool = false) -> JSON {
        [
            "model": .string(model), "max_tokens": 50, "stream": .bool(stream),
            "messages": [["role": "user", "content": "weather in Paris?"]],
            "tools": .array(tools.map { ["name": .string($0), "input_schema": ["type": "object", "properties": [:]]] }),
        ]
    }
}

extension KeyTestGateway {
    /// Runs `body` on a gateway with virtual keys and the tool allowlist.
    static func withToolAllowlist(_ backend: KeyBackend, _ body: (KeyTestGateway) async throws -> Void) async throws {
        try await run(backend, pluginsAfterKeys: [ToolRequests.plugin], body)
    }

    /// A key whose metadata holds `allowedTools` (none when nil), in `team` if given; - Returns: its secret.
    func toolKey(_ allowedTools: [String]?, team: String? = nil) async throws -> String {
        var body: JSON = [:]
        if let allowedTools { body["metadata"] = ["allowed_tools": .array(allowedTools.map { .string($0) })] }
        if let team { body["team_id"] = .string(team) }
        return try await generate(body).secret
    }

    func chat(_ body: JSON, key: String) async throws -> TestEndpoint.Reply {
        try await endpoint.post("/v1/chat/completions", json: body, key: key)
    }

    func messages(_ body: JSON, key: String) async throws -> TestEndpoint.Reply {
        try await endpoint.post("/v1/messages", json: body, headers: ["x-api-key": key, "anthropic-version": "2023-06-01"])
    }
}

extension TestEndpoint.Reply {
    /// Whether this is the allowlist's 403 (OpenAI-shaped on every route) naming exactly `tools`, in this order,
    /// with `source` ("this key's" or "this key's team's") as the list's owner.
    func isToolDenial(naming tools: [String], source: String = "this key's") -> Bool {
        guard status == 403, let error = json?["error"], error["type"] == "tool_access_denied", error["param"] == "tools",
            let message = error["message"]?.stringValue
        else { return false }
        return Self.names(tools, source: source).contains(message)
    }

    /// The messages naming exactly `tools` (a request's tools, or the model's calls) under `source`'s list.
    static func names(_ tools: [String], source: String) -> [String] {
        let list = tools.map { "'\($0)'" }.joined(separator: ", ")
        let (title, noun, verb) = tools.count == 1 ? ("Tool", "tool", "is") : ("Tools", "tools", "are")
        return [
            "\(title) \(list) \(verb) not in \(source) allowed_tools.",
            "The model called \(noun) \(list), which \(verb) not in \(source) allowed_tools; the call was withheld.",
        ]
    }

    /// The SSE data events of a streamed reply, parsed (`[DONE]` left out).
    var chunkJSON: [JSON] { eventData.filter { $0 != "[DONE]" }.compactMap { try? JSONParser.parse($0) } }
}
