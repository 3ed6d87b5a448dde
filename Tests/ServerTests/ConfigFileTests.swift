import GatewayCore
import Testing

@testable import GatewayServer

/// config.yaml as LiteLLM users write it, through the YAML reader.
struct ConfigFileTests {
    @Test func readsALiteLLMConfig() throws {
        let yaml = """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/TEST_OPENAI_KEY
                  timeout: 30
                  rpm: 100
                  weight: 2.5
                  temperature: 0.2
                model_info:
                  id: gpt-4o-primary
                  access_groups: [beta]
              - model_name: claude
                litellm_params:
                  model: anthropic/claude-sonnet-4-5
                  api_base: https://anthropic.internal
                  order: 1
            general_settings:
              master_key: os.environ/TEST_MASTER_KEY
              max_request_size_mb: 2
            router_settings:
              routing_strategy: simple-shuffle
              num_retries: 2
            litellm_settings:
              drop_params: true
            """
        let config = try ConfigFile.parse(yaml, environment: ["TEST_OPENAI_KEY": "sk-openai", "TEST_MASTER_KEY": "sk-master"])
        #expect(config.warnings.isEmpty)
        #expect(config.masterKey == "sk-master")
        #expect(config.maxRequestBodyBytes == 2 * 1024 * 1024)
        #expect(config.routerSettings["num_retries"] == 2)
        #expect(config.litellmSettings["drop_params"] == true)
        #expect(config.deployments.count == 2)
        let gpt = config.deployments[0]
        #expect(gpt.id == "gpt-4o-primary")
        #expect(gpt.provider == "openai")
        #expect(gpt.upstreamModel == "gpt-4o")
        #expect(gpt.apiKey == "sk-openai")
        #expect(gpt.timeout == 30)
        #expect(gpt.rpm == 100)
        #expect(gpt.weight == 2.5)
        #expect(gpt.accessGroups == ["beta"])
        #expect(gpt.extraParams["temperature"] == 0.2)
        let claude = config.deployments[1]
        #expect(claude.provider == "anthropic")
        #expect(claude.upstreamModel == "claude-sonnet-4-5")
        #expect(claude.apiBase == "https://anthropic.internal")
        #expect(claude.order == 1)
    }

    @Test func unknownKeysAreWarningsNotErrors() throws {
        let config = try ConfigFile.parse(
            """
            model_list: []
            something_new: 1
            general_settings:
              alerting: [slack]
            """, environment: [:])
        #expect(config.warnings.count == 2)
        #expect(config.warnings.contains { $0.contains("something_new") })
        #expect(config.warnings.contains { $0.contains("general_settings.alerting") })
    }

    @Test func aMissingEnvironmentVariableStopsStartupNamingIt() throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigFile.parse(
                """
                model_list:
                  - model_name: gpt
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/NOT_SET_ANYWHERE}
                """, environment: ["OTHER_SECRET": "sk-do-not-print"])
        }
        #expect(error?.message.contains("NOT_SET_ANYWHERE") == true)
        #expect(error?.message.contains("model_list[0].litellm_params.api_key") == true)
        #expect(error?.message.contains("sk-do-not-print") == false)
    }

    @Test func invalidYAMLIsAClearError() {
        let error = #expect(throws: ConfigError.self) {
            try ConfigFile.parse("model_list: [\n  - bad", environment: [:])
        }
        #expect(error?.message.hasPrefix("config.yaml is not valid YAML") == true)
    }

    /// Found by the config fuzzer: Yams trapped on a key that is a list or a mapping.
    @Test(arguments: ["? [a, b]\n: c\n", "general_settings: {{x: 1}: 2}\n", "s: !!set {? [a]}\n"])
    func aKeyThatIsNotAPlainValueIsAClearError(_ yaml: String) {
        let error = #expect(throws: ConfigError.self) { try ConfigFile.parse(yaml, environment: [:]) }
        #expect(error?.message.contains("a key must be a plain value") == true)
    }

    @Test func aliasesThatExpandToTooManyValuesAreRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 { yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let error = #expect(throws: ConfigError.self) { try ConfigFile.parse(yaml, environment: [:]) }
        #expect(error?.message.contains("more than 1000000 values") == true)
    }

    @Test func anEmptyFileIsAnEmptyConfig() throws {
        let config = try ConfigFile.parse("", environment: [:])
        #expect(config.deployments.isEmpty)
        #expect(config.masterKey == nil)
    }
}
