import GatewayCore

/// config.yaml's `guardrails` section, as LiteLLM writes it: a list of
/// `{guardrail_name, litellm_params: {guardrail, mode, default_on, ...}}`.
///
/// `litellm_params.guardrail` says what checks the text:
///
/// | `guardrail` | served by |
/// | --- | --- |
/// | `litellm_content_filter` | its `patterns` (prebuilt or `regex`) and `blocked_words`, each `BLOCK` or `MASK` (``ContentRules``) |
/// | `presidio` | the built-in PII detector, for the entities of `pii_entities_config` it knows (the Presidio service is not called) |
/// | `hide-secrets` (or `hide_secrets`) | the built-in `secret` detector, masking with `[REDACTED]` |
/// | `keywords`, `regex`, `pii`, `max_input`, `http` | Tollgate's own kinds, with their plugins.json keys inside `litellm_params` |
///
/// Any other type (`lakera`, `aporia`, `bedrock`, `openai_moderation`, a `custom_guardrail`...) stops startup with an
/// error naming it: a guardrail the operator declared must not silently check nothing. Unknown keys are warnings.
extension GuardrailDefinition {
    /// The `guardrail` values of LiteLLM's own that Tollgate serves.
    static let litellmTypes = ["litellm_content_filter", "presidio", "hide-secrets", "hide_secrets"]
    static let entryKeys: Set<String> = ["guardrail_name", "litellm_params", "guardrail_info", "guardrail_id"]
    /// Keys every LiteLLM type reads (`api_key`, `api_base` are the hosted services'; read and unused here).
    static let litellmCommonKeys: Set<String> = ["guardrail", "mode", "default_on"]

    /// One parsed entry and what it ignored.
    struct LiteLLMEntry {
        var definition: GuardrailDefinition
        var warnings: [String]
    }

    /// Parses entry `index` of config.yaml's `guardrails` (its `guardrail_name` was checked by ``GatewayConfig``).
    /// - Throws: ``ConfigError`` naming the entry and the key at fault, or the type Tollgate does not implement.
    static func parsing(litellm entry: JSON, index: Int) throws -> LiteLLMEntry {
        let name = entry["guardrail_name"]?.stringValue ?? ""
        let path = "config.yaml: guardrails[\(index)] ('\(name)')"
        var warnings: [String] = []
        for key in (entry.objectValue ?? [:]).keys.sorted() where !entryKeys.contains(key) {
            warnings.append("\(path): unknown key '\(key)' ignored")
        }
        guard let params = entry["litellm_params"]?.objectValue else {
            throw ConfigError("\(path).litellm_params must be a mapping with at least 'guardrail'")
        }
        guard let type = params["guardrail"]?.stringValue, !type.isEmpty else {
            throw ConfigError("\(path).litellm_params.guardrail is missing: the guardrail type (litellm_content_filter, presidio, ...)")
        }
        if kindKeys[type] != nil {
            // Tollgate's own kinds: litellm_params holds the plugins.json keys, checked as strictly as there.
            var object = params
            object["guardrail"] = nil
            object["name"] = .string(name)
            object["kind"] = .string(type)
            return LiteLLMEntry(definition: try GuardrailDefinition(parsing: .object(object), at: "\(path).litellm_params"), warnings: warnings)
        }
        let paramsPath = "\(path).litellm_params"
        let modes = try litellmModes(params["mode"], path: paramsPath)
        var defaultOn = false
        if let value = params["default_on"] {
            guard let flag = value.boolValue else { throw ConfigError("\(paramsPath).default_on must be true or false") }
            defaultOn = flag
        }
        let rules: [ContentRules.Rule]
        let known: Set<String>
        var longestKeyword = 0
        switch type {
        case "litellm_content_filter":
            let filter = try ContentFilterRules(params, path: paramsPath)
            rules = filter.rules
            known = ContentFilterRules.keys
            longestKeyword = filter.longestKeyword
        case "presidio":
            let presidio = try PresidioRules(params, path: paramsPath)
            rules = presidio.rules
            known = PresidioRules.keys
            warnings += presidio.warnings
        case "hide-secrets", "hide_secrets":
            rules = [ContentRules.Rule(matcher: PIIMatcher(entities: [.secret], placeholder: { _ in "[REDACTED]" }), blocks: false)]
            known = []
        default:
            throw ConfigError(
                "\(paramsPath).guardrail: type '\(type)' is not implemented by Tollgate; it serves \(litellmTypes.joined(separator: ", ")) "
                    + "and its own kinds \(kindKeys.keys.sorted().joined(separator: ", ")) (an external service fits kind 'http'). "
                    + "Remove the guardrail or change its type")
        }
        warnings += unknownKeys(params, known: known, path: paramsPath)
        var definition = try content(name: name, type: type, modes: modes, defaultOn: defaultOn, rules: rules, path: paramsPath)
        definition.longestLiteral = longestKeyword
        return LiteLLMEntry(definition: definition, warnings: warnings)
    }

    /// A content guardrail over `rules`: it masks when any rule masks, and blocks on a match of a blocking rule.
    private static func content(
        name: String, type: String, modes: Set<GuardrailMode>, defaultOn: Bool, rules: [ContentRules.Rule], path: String
    ) throws -> GuardrailDefinition {
        let matcher = ContentRules(rules: rules)
        let action: GuardrailAction = matcher.masks ? .mask : .block
        if action == .mask, modes.contains(.duringCall) {
            throw ConfigError(
                "\(path).mode: during_call guardrails only block in Tollgate (they run beside nothing they could rewrite); "
                    + "use pre_call or post_call for a guardrail that masks, or make every rule BLOCK")
        }
        return GuardrailDefinition(name: name, kind: type, modes: modes, defaultOn: defaultOn, check: .content(matcher, action))
    }

    /// `mode`: one of LiteLLM's modes Tollgate runs, or a list of them; `pre_call` when left out.
    private static func litellmModes(_ value: JSON?, path: String) throws -> Set<GuardrailMode> {
        guard let value, !value.isNull else { return [.preCall] }
        let names = value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue) ?? []
        guard !names.isEmpty, names.count == (value.arrayValue?.count ?? 1) else {
            throw ConfigError("\(path).mode must be a mode or a list of modes")
        }
        var modes: Set<GuardrailMode> = []
        for name in names {
            guard let mode = GuardrailMode(rawValue: name) else {
                throw ConfigError(
                    "\(path).mode: '\(name)' is not a mode Tollgate runs (\(GuardrailMode.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            modes.insert(mode)
        }
        return modes
    }

    private static func unknownKeys(_ params: [String: JSON], known: Set<String>, path: String) -> [String] {
        params.keys.sorted().filter { !litellmCommonKeys.contains($0) && !known.contains($0) }.map { "\(path): unknown key '\($0)' ignored" }
    }
}
