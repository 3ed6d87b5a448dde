import GatewayCore
import GatewayTesting
import Testing
import WordBlocker

/// The plugin inside a real gateway (GatewayTesting's `TestGateway`: the same builder `tollgate serve` uses, on a
/// free loopback port), called over HTTP as a client would.
struct WordBlockerGatewayTests {
    static let config = """
        model_list:
          - model_name: fake-gpt
            litellm_params:
              model: fake/fake-gpt
        general_settings:
          master_key: sk-test
        """
    static let plugins = #"""
        {"plugins": [{"name": "master-key-auth"}, {"name": "word-blocker", "config": {"words": ["forbidden-word"]}}]}
        """#

    static func chat(_ text: String) -> JSON {
        ["model": "fake-gpt", "messages": [["role": "user", "content": .string(text)]]]
    }

    @Test func aBlockedWordIsRefusedAndACleanRequestAnswered() async throws {
        try await TestGateway.withRunning(config: Self.config, plugins: Self.plugins, extraPlugins: [WordBlockerPlugin.self]) { gateway in
            let blocked = try await gateway.post("/v1/chat/completions", json: Self.chat("say Forbidden-Word"), key: "sk-test")
            #expect(blocked.status == 400)
            #expect(blocked.json?["error"]?["code"] == "content_blocked")

            let clean = try await gateway.post("/v1/chat/completions", json: Self.chat("What is the capital of France?"), key: "sk-test")
            #expect(clean.status == 200)
            #expect(clean.json?["object"] == "chat.completion")
        }
    }

    @Test func anUnknownConfigKeyStopsStartup() async throws {
        let typo = #"{"plugins": [{"name": "word-blocker", "config": {"word": ["x"]}}]}"#
        await #expect(throws: (any Error).self) {
            try await TestGateway.withRunning(config: Self.config, plugins: typo, extraPlugins: [WordBlockerPlugin.self]) { _ in }
        }
    }
}
