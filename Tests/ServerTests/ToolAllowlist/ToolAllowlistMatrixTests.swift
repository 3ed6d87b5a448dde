import GatewayCore
import GatewayTesting
import Testing

/// The request half of the tool matrix over HTTP: whose list applies (key, team, both, neither) for each request
/// shape that carries tools (chat `tools`, legacy `functions`, Anthropic `/v1/messages` `tools`), on both stores.
struct ToolAllowlistMatrixTests {
    @Test(arguments: KeyBackend.available)
    func theKeysListAllowsItsToolsAndDeniesOthersInEveryShape(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            let key = try await gateway.toolKey(["get_weather", "search"])
            let allowed = [
                try await gateway.chat(ToolRequests.chat(tools: ["get_weather", "search"]), key: key),
                try await gateway.chat(ToolRequests.chat(functions: ["search"]), key: key),
                try await gateway.messages(ToolRequests.messages(tools: ["get_weather"]), key: key),
                try await gateway.chat(ToolRequests.chat(), key: key),
            ]
            for reply in allowed { #expect(reply.status == 200, "\(reply.status): \(reply.body)") }

            let chat = try await gateway.chat(ToolRequests.chat(tools: ["get_weather", "send_email"]), key: key)
            #expect(chat.isToolDenial(naming: ["send_email"]), "\(chat.body)")
            let legacy = try await gateway.chat(ToolRequests.chat(functions: ["send_email"]), key: key)
            #expect(legacy.isToolDenial(naming: ["send_email"]), "\(legacy.body)")
            let anthropic = try await gateway.messages(ToolRequests.messages(tools: ["search", "send_email"]), key: key)
            #expect(anthropic.isToolDenial(naming: ["send_email"]), "\(anthropic.body)")
            let streamed = try await gateway.chat(ToolRequests.chat(tools: ["send_email"], stream: true), key: key)
            #expect(streamed.isToolDenial(naming: ["send_email"]), "a denied stream is a plain 403: \(streamed.body)")
        }
    }

    @Test(arguments: KeyBackend.available)
    func theTeamsListAppliesWhenTheKeyHasNone(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            try await gateway.createTeam("tools-team", metadata: ["allowed_tools": ["search"]])
            let key = try await gateway.toolKey(nil, team: "tools-team")
            let emptyListKey = try await gateway.toolKey([], team: "tools-team")
            for key in [key, emptyListKey] {
                #expect(try await gateway.chat(ToolRequests.chat(tools: ["search"]), key: key).status == 200)
                let denied = try await gateway.chat(ToolRequests.chat(tools: ["get_weather"]), key: key)
                #expect(denied.isToolDenial(naming: ["get_weather"], source: "this key's team's"), "\(denied.body)")
                let anthropic = try await gateway.messages(ToolRequests.messages(tools: ["get_weather"]), key: key)
                #expect(anthropic.isToolDenial(naming: ["get_weather"], source: "this key's team's"), "\(anthropic.body)")
            }
        }
    }

    @Test(arguments: KeyBackend.available)
    func theKeysListWinsOverTheTeams(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            try await gateway.createTeam("tools-team", metadata: ["allowed_tools": ["search"]])
            let key = try await gateway.toolKey(["get_weather"], team: "tools-team")
            #expect(try await gateway.chat(ToolRequests.chat(tools: ["get_weather"]), key: key).status == 200)
            let denied = try await gateway.chat(ToolRequests.chat(functions: ["search"]), key: key)
            #expect(denied.isToolDenial(naming: ["search"]), "\(denied.body)")
        }
    }

    @Test(arguments: KeyBackend.available)
    func withNeitherListEveryToolPasses(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            try await gateway.createTeam("open-team", metadata: ["purpose": "no tool list"])
            let loose = try await gateway.toolKey(nil)
            let inTeam = try await gateway.toolKey(nil, team: "open-team")
            for key in [loose, inTeam, KeyTestGateway.master] {
                let chat = try await gateway.chat(ToolRequests.chat(tools: ["send_email"], functions: ["delete_db"]), key: key)
                #expect(chat.status == 200, "\(chat.body)")
                let anthropic = try await gateway.messages(ToolRequests.messages(tools: ["send_email"]), key: key)
                #expect(anthropic.status == 200, "\(anthropic.body)")
                // The model's call to a tool is not checked either.
                let called = try await gateway.chat(ToolRequests.chat(model: "openai-tool-call"), key: key)
                #expect(called.status == 200, "\(called.body)")
            }
        }
    }

    @Test(arguments: KeyBackend.available)
    func oneErrorNamesEveryDisallowedToolOnceSorted(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.withToolAllowlist(backend) { gateway in
            let key = try await gateway.toolKey(["get_weather"])
            let body = ToolRequests.chat(tools: ["send_email", "get_weather", "delete_db"], functions: ["send_email", "archive"])
            let reply = try await gateway.chat(body, key: key)
            #expect(reply.isToolDenial(naming: ["archive", "delete_db", "send_email"]), "\(reply.body)")
            #expect(reply.error?["code"] == "tool_access_denied")
            let anthropic = try await gateway.messages(ToolRequests.messages(tools: ["zeta", "get_weather", "alpha"]), key: key)
            #expect(anthropic.isToolDenial(naming: ["alpha", "zeta"]), "\(anthropic.body)")
        }
    }
}
