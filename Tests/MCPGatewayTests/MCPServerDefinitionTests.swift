import GatewayCore
import Testing

@testable import MCPGateway

/// Reading LiteLLM's MCP server fields, and storing them with the secrets encrypted.
struct MCPServerDefinitionTests {
    static let cipher = try! CredentialCipher(secret: String(repeating: "k", count: 40), variable: "TEST_KEY")

    @Test func readsLiteLLMFields() throws {
        let server = try MCPServerDefinition(
            parsing: [
                "url": "https://tools.example/mcp", "transport": "streamable_http", "auth_type": "bearer_token", "authentication_token": "tok",
                "static_headers": ["X-Team": "blue"], "extra_headers": ["X-User-Token"], "allowed_tools": ["a", "b"], "disallowed_tools": ["b"],
                "rpm_limit": 10, "key_rpm_limit": 2, "timeout": 5,
            ], name: "tools", id: "tools")
        #expect(server.transport == .http)
        #expect(server.passThroughHeaders == ["x-user-token"])
        #expect(server.exposes(tool: "a") && !server.exposes(tool: "b") && !server.exposes(tool: "c"))
        #expect(server.rpmLimit == 10 && server.keyRPMLimit == 2 && server.timeoutSeconds == 5)
    }

    @Test func readsLiteLLMCostInfo() throws {
        let server = try MCPServerDefinition(
            parsing: [
                "url": "https://x/mcp",
                "mcp_info": ["mcp_server_cost_info": ["default_cost_per_query": 0.5, "tool_name_to_cost_per_query": ["big": 2]]],
            ], name: "s", id: "s")
        #expect(server.cost(of: "big") == 2 && server.cost(of: "small") == 0.5)
        #expect(try MCPServerDefinition(stored: server.storedDocument(cipher: Self.cipher), cipher: Self.cipher) == server)
        #expect(throws: ConfigError.self) {
            try MCPServerDefinition(
                parsing: ["url": "https://x/mcp", "mcp_info": ["mcp_server_cost_info": ["default_cost_per_query": -1]]], name: "s", id: "s")
        }
    }

    @Test func refusesWhatItCannotServe() {
        func refusal(_ fields: JSON, name: String? = "s") -> String? {
            do {
                _ = try MCPServerDefinition(parsing: fields, name: name, id: "x")
                return nil
            } catch let error as ConfigError {
                return error.field
            } catch {
                return "?"
            }
        }
        #expect(refusal(["url": "https://x/mcp", "color": "red"]) == "color")
        #expect(refusal(["transport": "stdio"]) == "command")
        #expect(refusal(["url": "ftp://x"]) == "url")
        #expect(refusal(["url": "https://x/mcp", "transport": "carrier-pigeon"]) == "transport")
        #expect(refusal(["url": "https://x/mcp", "auth_type": "bearer_token"]) == "authentication_token")
        #expect(refusal(["url": "https://x/mcp", "auth_type": "oauth2", "client_id": "c"]) == "client_id")
        #expect(refusal(["url": "https://x/mcp", "timeout": 1e300]) == "timeout")
        #expect(refusal(["url": "https://x/mcp", "rpm_limit": -1]) == "rpm_limit")
        // A hyphen would make '<server>-<tool>' ambiguous.
        #expect(refusal(["url": "https://x/mcp"], name: "my-server") == "server_name")
        #expect(refusal(["url": "https://x/mcp"], name: nil) == "server_name")
    }

    @Test func storedDocumentHoldsSecretsEncryptedAndTheAPIMasked() throws {
        let server = try MCPServerDefinition(
            parsing: [
                "server_name": "crm", "url": "https://crm.example/mcp", "auth_type": "oauth2", "client_id": "cid", "client_secret": "csecret",
                "token_url": "https://auth.example/token", "static_headers": ["X-Key": "hsecret"],
            ], name: nil, id: "id-1")
        let stored = try server.storedDocument(cipher: Self.cipher)
        let text = stored.serializedString()
        #expect(!text.contains("csecret") && !text.contains("hsecret"))
        #expect(try MCPServerDefinition(stored: stored, cipher: Self.cipher) == server)
        let view = server.publicView.serializedString()
        #expect(!view.contains("csecret") && !view.contains("hsecret") && view.contains("****"))
    }

    @Test func namesSplitAtTheFirstHyphen() {
        #expect(MCPNames.namespaced(server: "notes", name: "read-note") == "notes-read-note")
        #expect(MCPNames.split("notes-read-note")?.server == "notes")
        #expect(MCPNames.split("notes-read-note")?.name == "read-note")
        #expect(MCPNames.split("nohyphen") == nil)
        #expect(MCPNames.split("-x") == nil)
    }
}
