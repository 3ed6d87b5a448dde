public import GatewayCore

/// Translates an OpenAI chat request into a Gemini `generateContent` request (the model goes in the URL).
///
/// | OpenAI chat | Gemini |
/// | --- | --- |
/// | `system` / `developer` messages | `systemInstruction.parts[].text` |
/// | `user` / `assistant` messages | `contents[]` with role `user` / `model`, consecutive turns of one role merged |
/// | text, `image_url`, `input_audio`, `file` parts | `text`, `inlineData` (data: URLs), `fileData` (http(s), gs:// URIs) |
/// | `assistant.tool_calls` | `functionCall` parts (a Gemini thought signature rides in the id, ``GeminiToolCallID``) |
/// | `tool` messages | `functionResponse` parts, named after the call their `tool_call_id` answers |
/// | `tools`, `tool_choice` | `tools[].functionDeclarations`, `toolConfig.functionCallingConfig` (`+Tools`) |
/// | `response_format` | `generationConfig.responseMimeType` and `responseSchema` |
/// | `temperature`, `top_p`, `top_k`, `max_tokens`, `stop`, `n`, `seed`, penalties | `generationConfig` |
/// | `reasoning_effort`, `thinking` | `generationConfig.thinkingConfig` (`thinkingBudget`, `includeThoughts`) |
/// | `safety_settings`, `cached_content` | `safetySettings`, `cachedContent` |
///
/// Anything else is refused with 400 `unsupported_params` naming it unless `drop_params` (`+Unsupported`).
public enum GeminiRequestTranslator {
    /// Builds the Gemini request body.
    /// - Parameters:
    ///   - body: the OpenAI chat request.
    ///   - model: the deployment's public name, for error messages.
    ///   - dropUnsupported: drop what Gemini cannot express instead of refusing it (`drop_params`).
    /// - Returns: the `generateContent` body.
    /// - Throws: 400 `unsupported_params` naming a parameter Gemini cannot express; 400 for malformed messages.
    public static func geminiRequest(fromOpenAI body: JSON, model: String, dropUnsupported: Bool = false) throws -> JSON {
        if !dropUnsupported { try refuseUnsupported(body, model: model) }
        guard let messages = body["messages"]?.arrayValue else {
            throw GatewayError.badRequest("'messages' must be an array.", param: "messages")
        }
        let toolNames = toolNamesByID(messages)
        var system: [JSON] = []
        var turns: [(role: String, parts: [JSON])] = []
        for (index, message) in messages.enumerated() {
            let path = "messages[\(index)]"
            let role: String
            let parts: [JSON]
            switch message["role"]?.stringValue {
            case "system", "developer":
                system += try GeminiContentParts.textParts(message["content"], path: path + ".content")
                continue
            case "user":
                (role, parts) = ("user", try GeminiContentParts.parts(message["content"], path: path + ".content"))
            case "assistant":
                (role, parts) = ("model", try GeminiContentParts.assistantParts(message, path: path))
            case "tool":
                (role, parts) = ("user", [try GeminiContentParts.functionResponse(message, path: path, names: toolNames)])
            case "function":
                let name = message["name"]?.stringValue ?? ""
                (role, parts) = ("user", [["functionResponse": ["name": .string(name), "response": ["content": message["content"] ?? ""]]]])
            case let other:
                throw GatewayError.badRequest("Unknown role '\(other ?? "missing")' in \(path).", param: path + ".role")
            }
            guard !parts.isEmpty else { continue }
            if let last = turns.indices.last, turns[last].role == role {
                turns[last].parts += parts
            } else {
                turns.append((role, parts))
            }
        }
        var request: JSON = ["contents": .array(turns.map { ["role": .string($0.role), "parts": .array($0.parts)] })]
        if !system.isEmpty { request["systemInstruction"] = ["parts": .array(system)] }
        let config = try generationConfig(body)
        if !(config.objectValue ?? [:]).isEmpty { request["generationConfig"] = config }
        try addTools(from: body, to: &request)
        if let safety = body["safety_settings"] ?? body["safetySettings"], !safety.isNull { request["safetySettings"] = safety }
        if let cached = body["cached_content"]?.stringValue ?? body["cachedContent"]?.stringValue { request["cachedContent"] = .string(cached) }
        return request
    }

    /// Tool-call id → function name, from every assistant message's `tool_calls`: a `tool` message names the call
    /// it answers by id, Gemini's `functionResponse` by name.
    static func toolNamesByID(_ messages: [JSON]) -> [String: String] {
        var names: [String: String] = [:]
        for message in messages where message["role"] == "assistant" {
            for call in message["tool_calls"]?.arrayValue ?? [] {
                if let id = call["id"]?.stringValue, let name = call["function"]?["name"]?.stringValue { names[id] = name }
            }
        }
        return names
    }

    /// `generationConfig` from the sampling, length, format and thinking parameters.
    static func generationConfig(_ body: JSON) throws -> JSON {
        var config: JSON = [:]
        let renames = [
            "temperature": "temperature", "top_p": "topP", "top_k": "topK", "seed": "seed", "presence_penalty": "presencePenalty",
            "frequency_penalty": "frequencyPenalty",
        ]
        for (openAI, gemini) in renames {
            guard let value = body[openAI], value.doubleValue != nil else { continue }
            config[gemini] = value
        }
        if let maxTokens = body["max_completion_tokens"]?.intValue ?? body["max_tokens"]?.intValue { config["maxOutputTokens"] = .int(maxTokens) }
        if let n = body["n"]?.intValue, n != 1 { config["candidateCount"] = .int(n) }
        switch body["stop"] {
        case .string(let stop)?: config["stopSequences"] = [.string(stop)]
        case .array(let stops)? where !stops.isEmpty: config["stopSequences"] = .array(stops)
        default: break
        }
        try addResponseFormat(body["response_format"], to: &config)
        if let thinking = try thinkingConfig(body) { config["thinkingConfig"] = thinking }
        return config
    }

    /// `response_format`: `json_object` → `responseMimeType: application/json`; `json_schema` → that plus
    /// `responseSchema` (cleaned as tool parameters are, ``GeminiSchema``); `text` → nothing.
    static func addResponseFormat(_ format: JSON?, to config: inout JSON) throws {
        guard let format, !format.isNull else { return }
        switch format["type"]?.stringValue {
        case "text": return
        case "json_object":
            config["responseMimeType"] = "application/json"
        case "json_schema":
            config["responseMimeType"] = "application/json"
            if let schema = format["json_schema"]?["schema"], !schema.isNull {
                config["responseSchema"] = try GeminiSchema.cleaned(schema, param: "response_format.json_schema.schema")
            }
        case let other:
            throw GatewayError.badRequest("response_format type '\(other ?? "missing")' is not one Gemini can express.", param: "response_format")
        }
    }

    /// Thinking budgets for OpenAI's `reasoning_effort`, as LiteLLM maps them for Gemini; `none` (and `disable`)
    /// turn thinking off.
    public static let thinkingBudgets: [String: Int] = ["minimal": 128, "low": 1024, "medium": 2048, "high": 4096, "none": 0, "disable": 0]

    /// `thinkingConfig` for `reasoning_effort` (a budget, thought summaries on unless the budget is 0) or Anthropic's
    /// `thinking` as LiteLLM takes it (`{"type": "enabled", "budget_tokens": N}`).
    static func thinkingConfig(_ body: JSON) throws -> JSON? {
        if let thinking = body["thinking"], !thinking.isNull {
            if thinking["type"]?.stringValue == "disabled" { return ["thinkingBudget": 0, "includeThoughts": false] }
            guard let budget = thinking["budget_tokens"]?.intValue, budget >= 0 else {
                throw GatewayError.badRequest("thinking needs a budget_tokens of 0 or more for Gemini.", param: "thinking.budget_tokens")
            }
            return ["thinkingBudget": .int(budget), "includeThoughts": .bool(budget > 0)]
        }
        guard let effort = body["reasoning_effort"], !effort.isNull else { return nil }
        guard let name = effort.stringValue, let budget = thinkingBudgets[name] else {
            throw GatewayError.badRequest(
                "reasoning_effort must be one of \(thinkingBudgets.keys.sorted().joined(separator: ", ")) for Gemini.", param: "reasoning_effort",
                code: "unsupported_params")
        }
        return ["thinkingBudget": .int(budget), "includeThoughts": .bool(budget > 0)]
    }
}
