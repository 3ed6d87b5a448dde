import GatewayCore

/// A client's `generationConfig`, `tools` and `toolConfig` in the OpenAI chat view.
///
/// | Gemini | OpenAI chat view |
/// | --- | --- |
/// | `maxOutputTokens`, `temperature`, `topP`, `topK`, `stopSequences`, `candidateCount`, `seed`, `presencePenalty`, `frequencyPenalty` | `max_tokens`, `temperature`, `top_p`, `top_k`, `stop`, `n`, `seed`, `presence_penalty`, `frequency_penalty` |
/// | `responseLogprobs`, `logprobs` | `logprobs`, `top_logprobs` |
/// | `responseMimeType: application/json` with `responseSchema` (OpenAPI subset) or `responseJsonSchema` | `response_format` `json_schema` (`responseSchema` converted to JSON Schema) |
/// | `responseMimeType: application/json` alone | `response_format` `json_object` |
/// | `thinkingConfig.thinkingLevel` | `reasoning_effort` of that name |
/// | `thinkingConfig.thinkingBudget` | `reasoning_effort`: 0 → `none`, up to 1,024 → `low`, up to 2,048 → `medium`, more → `high` (the inverse of LiteLLM's budgets for an effort); -1 (dynamic) → the upstream's default |
/// | `thinkingConfig.includeThoughts` | the answer's reasoning as `thought` parts |
/// | `tools[].functionDeclarations` | `tools` (`parameters` converted to JSON Schema, `parametersJsonSchema` as sent) |
/// | `toolConfig.functionCallingConfig.mode` `AUTO` / `ANY` / `NONE` | `tool_choice` `auto` / `required` / `none`; `ANY` with one allowed name: that function; with several: `required` over only those tools |
///
/// Anything else (`responseModalities` other than text, `speechConfig`, Gemini's own tools, `VALIDATED` mode,
/// `retrievalConfig`, `response` schemas of declarations, ...) is listed as untranslated.
extension GeminiRequestTranslator {
    /// `generationConfig` fields copied into the view under the chat name.
    static let inboundGenerationFields: [String: String] = [
        "maxOutputTokens": "max_tokens", "temperature": "temperature", "topP": "top_p", "topK": "top_k", "candidateCount": "n", "seed": "seed",
        "presencePenalty": "presence_penalty", "frequencyPenalty": "frequency_penalty", "responseLogprobs": "logprobs", "logprobs": "top_logprobs",
    ]

    /// Thinking levels with an OpenAI `reasoning_effort` of the same name.
    static let inboundThinkingLevels: Set<String> = ["minimal", "low", "medium", "high"]

    /// Adds the view's sampling, length, format and reasoning parameters.
    /// - Returns: whether the client asked for thought summaries.
    static func addGenerationConfig(_ config: JSON?, to view: inout JSON, untranslated: inout [String]) throws -> Bool {
        guard let config else { return false }
        guard case .object = config else { throw GatewayError.badRequest("'generationConfig' must be an object.", param: "generationConfig") }
        var includeThoughts = false
        var mimeType: String?
        for member in config.inboundMembers {
            let path = "generationConfig.\(member.sent)"
            if let name = inboundGenerationFields[member.name] {
                view[name] = member.value
                continue
            }
            switch member.name {
            case "stopSequences": view["stop"] = member.value
            case "responseMimeType": mimeType = member.value.stringValue
            case "responseSchema", "responseJsonSchema", "_responseJsonSchema": break
            case "responseModalities":
                let modalities = member.value.arrayValue?.compactMap { $0.stringValue?.uppercased() } ?? []
                if modalities.contains(where: { $0 != "TEXT" }) { untranslated.append(path) }
            case "thinkingConfig": includeThoughts = try addThinking(member.value, to: &view, path: path, untranslated: &untranslated)
            default: untranslated.append(path)
            }
        }
        switch mimeType {
        case nil, "text/plain": break
        case "application/json":
            if let schema = config.inbound("responseJsonSchema") ?? config.inbound("_responseJsonSchema") {
                view["response_format"] = ["type": "json_schema", "json_schema": ["name": "response", "schema": schema]]
            } else if let schema = config.inbound("responseSchema") {
                view["response_format"] = ["type": "json_schema", "json_schema": ["name": "response", "schema": GeminiSchema.jsonSchema(schema)]]
            } else {
                view["response_format"] = ["type": "json_object"]
            }
        default:
            untranslated.append("generationConfig.responseMimeType")
        }
        return includeThoughts
    }

    private static func addThinking(_ thinking: JSON, to view: inout JSON, path: String, untranslated: inout [String]) throws -> Bool {
        for member in thinking.inboundMembers {
            switch member.name {
            case "includeThoughts": break
            case "thinkingLevel":
                guard let level = member.value.stringValue?.lowercased(), inboundThinkingLevels.contains(level) else {
                    untranslated.append("\(path).\(member.sent)")
                    continue
                }
                view["reasoning_effort"] = .string(level)
            case "thinkingBudget":
                guard let budget = member.value.intValue, budget >= -1 else {
                    throw GatewayError.badRequest(
                        "\(path).\(member.sent) must be -1, 0 or a positive number of tokens.", param: "\(path).\(member.sent)")
                }
                if let effort = reasoningEffort(forBudget: budget) { view["reasoning_effort"] = .string(effort) }
            default: untranslated.append("\(path).\(member.sent)")
            }
        }
        return thinking.inbound("includeThoughts")?.boolValue ?? false
    }

    /// The `reasoning_effort` for a thinking budget; nil for -1 (the model decides: the upstream's default).
    static func reasoningEffort(forBudget budget: Int) -> String? {
        switch budget {
        case ..<0: nil
        case 0: "none"
        case 1...1024: "low"
        case 1025...2048: "medium"
        default: "high"
        }
    }

    /// Adds `tools` and `tool_choice`.
    static func addInboundTools(from body: JSON, to view: inout JSON, untranslated: inout [String]) throws {
        var tools: [JSON] = []
        for (offset, tool) in (body.inbound("tools")?.arrayValue ?? []).enumerated() {
            for member in tool.inboundMembers {
                let path = "tools[\(offset)].\(member.sent)"
                guard member.name == "functionDeclarations" else {
                    untranslated.append(path)
                    continue
                }
                for (index, declaration) in (member.value.arrayValue ?? []).enumerated() {
                    tools.append(try functionTool(declaration, path: "\(path)[\(index)]", untranslated: &untranslated))
                }
            }
        }
        if !tools.isEmpty { view["tools"] = .array(tools) }
        guard let toolConfig = body.inbound("toolConfig") else { return }
        for member in toolConfig.inboundMembers where member.name != "functionCallingConfig" { untranslated.append("toolConfig.\(member.sent)") }
        guard let config = toolConfig.inbound("functionCallingConfig"), !tools.isEmpty else { return }
        let path = "toolConfig.functionCallingConfig"
        let allowed = config.inbound("allowedFunctionNames")?.arrayValue?.compactMap(\.stringValue) ?? []
        switch config.inbound("mode")?.stringValue?.uppercased() ?? "AUTO" {
        case "AUTO", "MODE_UNSPECIFIED":
            view["tool_choice"] = "auto"
            if !allowed.isEmpty { untranslated.append(path + ".allowedFunctionNames") }
        case "NONE":
            view["tool_choice"] = "none"
        case "ANY":
            if allowed.count == 1 {
                view["tool_choice"] = ["type": "function", "function": ["name": .string(allowed[0])]]
            } else {
                // Only these may be called, and one must be: the same as offering only these, one required.
                if !allowed.isEmpty { view["tools"] = .array(tools.filter { allowed.contains($0["function"]?["name"]?.stringValue ?? "") }) }
                view["tool_choice"] = "required"
            }
        default:
            // VALIDATED (auto, with calls checked against the schema) has no chat counterpart.
            view["tool_choice"] = "auto"
            untranslated.append(path + ".mode")
        }
    }

    private static func functionTool(_ declaration: JSON, path: String, untranslated: inout [String]) throws -> JSON {
        guard let name = declaration.inbound("name")?.stringValue, !name.isEmpty else {
            throw GatewayError.badRequest("\(path) needs a name.", param: "\(path).name")
        }
        var function: JSON = ["name": .string(name)]
        for member in declaration.inboundMembers {
            switch member.name {
            case "name": break
            case "description": function["description"] = member.value
            case "parameters": function["parameters"] = GeminiSchema.jsonSchema(member.value)
            case "parametersJsonSchema": function["parameters"] = member.value
            default: untranslated.append("\(path).\(member.sent)")
            }
        }
        if function["parameters"] == nil { function["parameters"] = ["type": "object", "properties": [:]] }
        return ["type": "function", "function": function]
    }
}
