public import GatewayCore

/// `guardrails`: checks what a request sends and what comes back, following LiteLLM's guardrails.
///
/// Each guardrail has a name, a kind, a mode and `default_on`. What runs for a request: every `default_on`
/// guardrail, those the key and its team name in their `guardrails` field, and those the request asks for in its
/// `guardrails` or `metadata.guardrails` list. A request may switch guardrails off with `disable_guardrails`
/// (top level or in `metadata`); switching off one its key, team or the admin set needs `allow_modify_guardrails:
/// true` in the key's or team's metadata (else 403 `guardrail_modification_not_allowed`). An unknown name is a
/// 400 `unknown_guardrail`. These fields never go upstream. A block answers 400 `guardrail_violation` naming the
/// guardrail and what it found (never the text); in a stream it ends the stream with an error event. The header
/// `x-tollgate-guardrails` lists the guardrails selected for the request.
///
/// Plugin keys:
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `guardrails` | list of guardrail objects (below) | `[]` |
/// | `stream_window` | characters of streamed text kept to catch a match split across chunks | 64 (at least the longest keyword) |
///
/// Guardrail keys:
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `name` | string, unique | required |
/// | `kind` | `keywords`, `regex`, `pii`, `max_input`, `http` | required |
/// | `mode` | `pre_call`, `during_call`, `post_call`, or a list of them | `pre_call` |
/// | `default_on` | bool | false |
/// | `action` | `block` or `mask` (`keywords`, `regex`, `pii` in `pre_call`/`post_call`) | `block` |
/// | `keywords` | list of strings, matched case-insensitively anywhere (`keywords`) | required |
/// | `patterns` | list of ICU regular expressions (`regex`) | required |
/// | `mask_with` | placeholder for `keywords`/`regex` masks | `[REDACTED]` |
/// | `entities` | subset of `email`, `phone`, `credit_card`, `us_ssn`, `ip_address`, `secret` (`pii`) | all |
/// | `max_characters`, `max_tokens` | positive ints, at least one (`max_input`; tokens estimated at 4 characters) | none |
/// | `url` | http(s) URL (`http`) | required |
/// | `headers` | object of strings sent with each call (`http`) | `{}` |
/// | `timeout_seconds` | number (`http`) | 5 |
/// | `on_failure` | `open` (let through) or `closed` (503 `guardrail_unavailable`) (`http`) | `closed` |
///
/// config.yaml's `guardrails` section (LiteLLM's format, ``GuardrailDefinition/parsing(litellm:index:)``) adds its
/// guardrails after these, in file order. A name declared in both files stops startup: neither file silently wins
/// over the other.
public enum GuardrailsPlugin: Plugin {
    public static let id = "guardrails"

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        var configuration = configuration
        try configuration.add(configYAML: context.config.guardrails, logger: context.logger)
        context.guardrails.declare(configuration.definitions.map(\.name))
        return PluginComponents(hooks: [hook(configuration: configuration, context: context)])
    }

    /// The hook alone, for tests.
    static func hook(configuration: Configuration, context: PluginContext) -> GuardrailEnforcer {
        GuardrailEnforcer(
            definitions: configuration.definitions, windowCharacters: configuration.streamWindow,
            services: GuardrailServices(httpClient: context.httpClient, logger: context.logger))
    }
}
