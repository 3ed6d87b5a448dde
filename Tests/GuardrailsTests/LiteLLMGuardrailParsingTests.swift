import GatewayCore
import Testing

@testable import Guardrails

/// config.yaml's LiteLLM guardrail entries parsed alone: what they ignore, and how mixed actions decide.
struct LiteLLMGuardrailParsingTests {
    @Test func unknownKeysAreWarningsNotErrors() throws {
        let entry: JSON = [
            "guardrail_name": "g", "guardrail_info": ["description": "x"], "colour": "red",
            "litellm_params": ["guardrail": "hide-secrets", "mode": "pre_call", "mask_request_content": true],
        ]
        let parsed = try GuardrailDefinition.parsing(litellm: entry, index: 0)
        #expect(
            parsed.warnings == [
                "config.yaml: guardrails[0] ('g'): unknown key 'colour' ignored",
                "config.yaml: guardrails[0] ('g').litellm_params: unknown key 'mask_request_content' ignored",
            ])
    }

    @Test func aBlockingRuleWinsOverMasksInTheSameText() throws {
        let entry: JSON = [
            "guardrail_name": "f",
            "litellm_params": [
                "guardrail": "litellm_content_filter",
                "patterns": [["pattern_type": "regex", "pattern": "ID-\\d+", "name": "ticket", "action": "MASK"]],
                "blocked_words": [["keyword": "ID-7", "action": "BLOCK"]],
            ],
        ]
        let definition = try GuardrailDefinition.parsing(litellm: entry, index: 0).definition
        guard case .content(let matcher, let action) = definition.check else {
            Issue.record("not a content check")
            return
        }
        #expect(action == .mask)
        #expect("see ID-12".masking(matcher.matches(in: "see ID-12")) == "see [TICKET_REDACTED]")
        // The blocking keyword overlaps the masked pattern; it still blocks.
        let blocking = matcher.matches(in: "see ID-7")
        #expect(!blocking.isEmpty)
        #expect(blocking.filter(\.blocks).count == blocking.count)
    }

    @Test func presidioEntitiesTollgateDoesNotDetectAreRefused() throws {
        let entry: JSON = ["guardrail_name": "p", "litellm_params": ["guardrail": "presidio", "pii_entities_config": ["PERSON": "MASK"]]]
        let error = #expect(throws: ConfigError.self) { try GuardrailDefinition.parsing(litellm: entry, index: 0) }
        #expect(error?.message.contains("entity 'PERSON' is not one Tollgate detects") == true)
    }

    @Test func maskingInDuringCallIsRefused() throws {
        let entry: JSON = [
            "guardrail_name": "d",
            "litellm_params": ["guardrail": "litellm_content_filter", "mode": "during_call", "blocked_words": [["keyword": "x", "action": "MASK"]]],
        ]
        #expect(throws: ConfigError.self) { try GuardrailDefinition.parsing(litellm: entry, index: 0) }
    }
}
