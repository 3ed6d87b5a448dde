import GatewayCore
import GatewayTesting
import Testing

/// The tool allowlist on `/v1/responses`: function tools by name, and the built-in tools an OpenAI deployment gets as
/// sent (`web_search`, `mcp`, ...) by their name, `server_label` or `type` (``RequestView/hostedTools``), so a key
/// cannot reach a hosted tool its list leaves out by going natively.
struct ToolAllowlistResponsesTests {
    static func responses(_ tools: [JSON], model: String = "gpt-test") -> JSON {
        ["model": .string(model), "input": "weather in Paris?", "store": false, "tools": .array(tools)]
    }

    static func function(_ name: String) -> JSON {
        ["type": "function", "name": .string(name), "parameters": ["type": "object", "properties": [:]]]
    }

    @Test(arguments: KeyBackend.available)
    func builtInAndFunctionToolsAreCheckedByName(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            let key = try await gateway.toolKey(["get_weather", "web_search", "docs"])
            let allowed: [JSON] = [
                Self.function("get_weather"), ["type": "web_search"],
                ["type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com"],
            ]
            let reply = try await gateway.endpoint.post("/v1/responses", json: Self.responses(allowed), key: key)
            #expect(reply.status == 200, "every tool is on the list: \(reply.body)")

            let hosted = try await gateway.endpoint.post(
                "/v1/responses", json: Self.responses([Self.function("get_weather"), ["type": "code_interpreter", "container": ["type": "auto"]]]),
                key: key)
            #expect(hosted.isToolDenial(naming: ["code_interpreter"]), "a built-in tool counts by its type: \(hosted.body)")
            let mcp = try await gateway.endpoint.post(
                "/v1/responses", json: Self.responses([["type": "mcp", "server_label": "payments", "server_url": "https://mcp.example.com"]]),
                key: key)
            #expect(mcp.isToolDenial(naming: ["payments"]), "an MCP tool counts by its server_label: \(mcp.body)")
            let function = try await gateway.endpoint.post("/v1/responses", json: Self.responses([Self.function("send_email")]), key: key)
            #expect(function.isToolDenial(naming: ["send_email"]), "\(function.body)")
        }
    }
}
