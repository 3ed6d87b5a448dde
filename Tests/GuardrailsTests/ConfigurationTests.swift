import GatewayCore
import Testing

@testable import Guardrails

struct ConfigurationTests {
    private func error(_ entry: JSON) -> String? {
        do {
            _ = try GuardrailsPlugin.Configuration(entries: [entry])
            return nil
        } catch let error as ConfigError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func badEntriesNameTheKey() {
        #expect(error(["name": "a", "kind": "magic"])?.contains("'config.guardrails[0].kind' must be one of") == true)
        #expect(error(["name": "a", "kind": "keywords", "keywords": ["x"], "mode": "sometimes"])?.contains("'config.guardrails[0].mode'") == true)
        #expect(error(["name": "a", "kind": "keywords", "keywords": ["x"], "action": "shout"])?.contains("'config.guardrails[0].action'") == true)
        #expect(
            error(["name": "a", "kind": "regex", "patterns": ["ok", "(unclosed"]])?.contains(
                "'config.guardrails[0].patterns[1]' is not a valid regular expression") == true)
        #expect(error(["name": "a", "kind": "http"])?.contains("'config.guardrails[0].url' is missing") == true)
        #expect(error(["name": "a", "kind": "http", "url": "ftp://x"])?.contains("'config.guardrails[0].url'") == true)
        #expect(
            error(["name": "a", "kind": "http", "url": "http://x", "on_failure": "maybe"])?.contains("'config.guardrails[0].on_failure'") == true)
        #expect(error(["name": "a", "kind": "pii", "entities": ["dna"]])?.contains("'config.guardrails[0].entities'") == true)
        #expect(
            error(["name": "a", "kind": "keywords", "keywords": ["x"], "keyword": ["typo"]])?.contains("'config.guardrails[0].keyword' is unknown")
                == true)
        #expect(error(["kind": "pii"])?.contains("'config.guardrails[0].name' is missing") == true)
        #expect(error(["name": "a", "kind": "max_input"])?.contains("max_characters") == true)
        #expect(error(["name": "a", "kind": "pii", "mode": "during_call", "action": "mask"])?.contains("during_call") == true)
    }

    @Test func namesMustBeUnique() throws {
        #expect(throws: ConfigError.self) {
            try GuardrailsPlugin.Configuration(entries: [["name": "a", "kind": "pii"], ["name": "a", "kind": "pii"]])
        }
    }

    @Test func modesMayBeAListAndTheWindowHoldsTheLongestKeyword() throws {
        let long = String(repeating: "k", count: 100)
        let configuration = try GuardrailsPlugin.Configuration(entries: [
            ["name": "a", "kind": "keywords", "keywords": [.string(long)], "mode": ["pre_call", "post_call"]]
        ])
        #expect(configuration.definitions[0].modes == [.preCall, .postCall])
        #expect(configuration.streamWindow == 100)
    }
}
