public import GatewayCore

/// Translates an OpenAI chat request into a Bedrock Converse request (`POST /model/{modelId}/converse`).
///
/// | OpenAI | Converse |
/// | --- | --- |
/// | `system` / `developer` messages | `system: [{text}]` |
/// | `user`, `assistant` text and `image_url` (data URLs) | `messages[].content: [{text}, {image}]` |
/// | `assistant.tool_calls` | `{toolUse: {toolUseId, name, input}}` |
/// | `tool` messages | `{toolResult: {toolUseId, content: [{text}]}}` in a user turn |
/// | `tools`, `tool_choice` (`auto`, `required`, a function) | `toolConfig: {tools: [{toolSpec}], toolChoice}` |
/// | `max_tokens` / `max_completion_tokens`, `temperature`, `top_p`, `stop` | `inferenceConfig` |
/// | a part's `cache_control` (system, user, assistant) | a `cachePoint` block after it |
/// | `top_k` | `additionalModelRequestFields.top_k` |
/// | `additionalModelRequestFields` (a Bedrock field in the body) | passed through |
///
/// Consecutive turns of one role are merged, as Converse requires turns to alternate. Anything else is refused with
/// 400 `unsupported_params` naming it, unless `drop_params` drops it: nothing is dropped silently.
public enum BedrockConverseRequest {
    /// Parameters with a Converse counterpart.
    static let mappedParams: Set<String> = [
        "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "top_k", "stop", "stream", "tools", "tool_choice",
        "additionalModelRequestFields", "user",
    ]
    /// Fields the gateway reads itself, never sent upstream.
    static let gatewayFields: Set<String> = ["metadata", "fallbacks", "guardrails", "tags", "stream_options", "mock_response"]

    /// - Parameters:
    ///   - body: the OpenAI chat request.
    ///   - model: the deployment's public name, for error messages.
    ///   - dropUnsupported: whether parameters Converse cannot express are dropped rather than refused.
    /// - Returns: the Converse request body (the model id goes in the URL, not the body).
    /// - Throws: 400 `unsupported_params` naming a parameter Converse cannot express; 400 for malformed messages.
    public static func converseBody(fromOpenAI body: JSON, model: String, dropUnsupported: Bool) throws -> JSON {
        if !dropUnsupported { try refuseUnsupported(body, model: model) }
        var system: [JSON] = []
        var turns: [(role: String, content: [JSON])] = []
        for (index, message) in (body["messages"]?.arrayValue ?? []).enumerated() {
            let role = message["role"]?.stringValue ?? ""
            if role == "system" || role == "developer" {
                system += try BedrockConverseMessages.textBlocks(message["content"], path: "messages[\(index)].content", allowsCachePoint: true)
                continue
            }
            let (converseRole, content) = try BedrockConverseMessages.turn(message, index: index)
            if let last = turns.last, last.role == converseRole {
                turns[turns.count - 1].content += content
            } else {
                turns.append((converseRole, content))
            }
        }
        var request: JSON = [
            "messages": .array(turns.map { ["role": .string($0.role), "content": .array($0.content)] })
        ]
        if !system.isEmpty { request["system"] = .array(system) }
        if let config = inferenceConfig(body), !(config.objectValue ?? [:]).isEmpty { request["inferenceConfig"] = config }
        if let toolConfig = try toolConfig(body, model: model, dropUnsupported: dropUnsupported) { request["toolConfig"] = toolConfig }
        var additional = body["additionalModelRequestFields"]?.objectValue ?? [:]
        if let topK = body["top_k"], !topK.isNull { additional["top_k"] = topK }
        if !additional.isEmpty { request["additionalModelRequestFields"] = .object(additional) }
        return request
    }

    /// `maxTokens`, `temperature`, `topP`, `stopSequences`, from the values the request sets.
    static func inferenceConfig(_ body: JSON) -> JSON? {
        var config: JSON = [:]
        if let maxTokens = (body["max_completion_tokens"] ?? body["max_tokens"])?.intValue { config["maxTokens"] = .int(maxTokens) }
        if let temperature = body["temperature"]?.doubleValue { config["temperature"] = .double(temperature) }
        if let topP = body["top_p"]?.doubleValue { config["topP"] = .double(topP) }
        switch body["stop"] {
        case .string(let stop)?: config["stopSequences"] = [.string(stop)]
        case .array(let stops)?: config["stopSequences"] = .array(stops.filter { $0.stringValue != nil })
        default: break
        }
        return config
    }

    /// `toolConfig` from `tools` and `tool_choice`; nil without tools.
    static func toolConfig(_ body: JSON, model: String, dropUnsupported: Bool) throws -> JSON? {
        guard let tools = body["tools"]?.arrayValue, !tools.isEmpty else { return nil }
        var specs: [JSON] = []
        for (index, tool) in tools.enumerated() {
            guard tool["type"]?.stringValue ?? "function" == "function", let function = tool["function"],
                let name = function["name"]?.stringValue, !name.isEmpty
            else {
                throw GatewayError.badRequest("tools[\(index)] is not a function tool with a name.", param: "tools[\(index)]")
            }
            var spec: JSON = ["name": .string(name), "inputSchema": ["json": function["parameters"] ?? ["type": "object", "properties": [:]]]]
            if let description = function["description"]?.stringValue, !description.isEmpty { spec["description"] = .string(description) }
            specs.append(["toolSpec": spec])
        }
        var config: JSON = ["tools": .array(specs)]
        switch body["tool_choice"] {
        case nil, .null?, .string("auto")?: config["toolChoice"] = ["auto": [:]]
        case .string("required")?: config["toolChoice"] = ["any": [:]]
        case .string("none")?:
            // Converse has no "none": tools stay declared (earlier toolUse blocks need them), so the model may still call.
            guard dropUnsupported else { throw refusal("tool_choice", "tool_choice 'none'", model: model) }
        case let choice?:
            guard let name = choice["function"]?["name"]?.stringValue else {
                throw GatewayError.badRequest("tool_choice must be 'auto', 'required', 'none' or a function.", param: "tool_choice")
            }
            config["toolChoice"] = ["tool": ["name": .string(name)]]
        }
        return config
    }

    /// - Throws: 400 `unsupported_params` naming the first parameter (sorted) Converse cannot express, or `n` above 1.
    static func refuseUnsupported(_ body: JSON, model: String) throws {
        // `n: 1` asks for what Converse does anyway; any other value of `n` is refused like an unknown parameter.
        let unknown = (body.objectValue ?? [:]).filter { key, value in
            !value.isNull && !mappedParams.contains(key) && !gatewayFields.contains(key) && !(key == "n" && value.intValue == 1)
        }
        if let name = unknown.keys.sorted().first { throw refusal(name, "the parameter '\(name)'", model: model) }
    }

    static func refusal(_ param: String, _ what: String, model: String) -> GatewayError {
        GatewayError.badRequest(
            "Bedrock model '\(model)' (Converse) does not support \(what). Remove it, or set drop_params: true (litellm_settings, or the "
                + "deployment's litellm_params) to have unsupported parameters dropped.", param: param, code: "unsupported_params")
    }
}
