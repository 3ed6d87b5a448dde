public import GatewayCore

/// Translates an OpenAI chat request into a Cohere v2 chat request (`POST /v2/chat`).
///
/// | OpenAI | Cohere v2 |
/// | --- | --- |
/// | `system` / `developer`, `user`, `assistant`, `tool` messages | the same roles (`developer` as `system`); ``CohereChatMessages`` |
/// | `max_tokens` / `max_completion_tokens`, `temperature`, `seed`, `frequency_penalty`, `presence_penalty` | the same names |
/// | `top_p`, `top_k`, `stop` (a string or a list) | `p`, `k`, `stop_sequences` |
/// | `tools` (function tools) | `tools`, in the same OpenAI function format v2 takes |
/// | `tool_choice`: `auto` / `required` / `none` | omitted / `REQUIRED` / `NONE` |
/// | `response_format`: `text` / `json_object` / `json_schema` | omitted / `{type: json_object}` / `{type: json_object, json_schema}` |
/// | `stream` | `stream` |
/// | Cohere's own fields: `documents`, `citation_options`, `safety_mode`, `strict_tools`, `thinking`, `priority` | passed |
///
/// Anything else (`logprobs`, `n` above 1, `parallel_tool_calls: false`, `tool_choice` naming one function,
/// `reasoning_effort`, unknown fields) is refused with 400 `unsupported_params` naming it, unless `drop_params` drops
/// it: nothing is dropped silently.
/// `user` is the gateway's (the spend log's end user), never sent.
public enum CohereChatRequest {
    /// OpenAI parameters with a v2 counterpart, and v2's own fields passed as they came.
    static let mappedParams: Set<String> = [
        "model", "messages", "stream", "max_tokens", "max_completion_tokens", "temperature", "seed", "frequency_penalty", "presence_penalty",
        "top_p", "top_k", "stop", "tools", "tool_choice", "response_format", "user",
    ]
    /// Cohere v2 fields a client may send in an OpenAI-shaped body; they go upstream as they are.
    static let cohereFields: Set<String> = ["documents", "citation_options", "safety_mode", "strict_tools", "thinking", "priority"]
    /// Fields the gateway reads itself, never sent upstream.
    static let gatewayFields: Set<String> = ["metadata", "fallbacks", "guardrails", "tags", "stream_options", "mock_response"]

    /// - Parameters:
    ///   - body: the OpenAI chat request, `model` already the upstream's.
    ///   - deploymentName: the deployment's public name, for errors.
    ///   - dropUnsupported: whether parameters Cohere cannot express are dropped rather than refused.
    /// - Returns: the v2 chat body.
    /// - Throws: 400 `unsupported_params` naming a parameter v2 cannot express; 400 for malformed messages or tools.
    public static func cohereBody(fromOpenAI body: JSON, deploymentName: String, dropUnsupported: Bool) throws -> JSON {
        if !dropUnsupported { try refuseUnsupported(body, deploymentName: deploymentName) }
        let messages = body["messages"]?.arrayValue ?? []
        var request: JSON = [
            "model": body["model"] ?? .null,
            "messages": .array(try messages.enumerated().map { try CohereChatMessages.message($1, index: $0) }),
        ]
        if body["stream"]?.boolValue == true { request["stream"] = true }
        if let maxTokens = body["max_completion_tokens"] ?? body["max_tokens"], !maxTokens.isNull { request["max_tokens"] = maxTokens }
        for name in ["temperature", "seed", "frequency_penalty", "presence_penalty"] {
            if let value = body[name], !value.isNull { request[name] = value }
        }
        if let topP = body["top_p"], !topP.isNull { request["p"] = topP }
        if let topK = body["top_k"], !topK.isNull { request["k"] = topK }
        switch body["stop"] {
        case .string(let stop)?: request["stop_sequences"] = [.string(stop)]
        case .array(let stops)?: request["stop_sequences"] = .array(stops.filter { $0.stringValue != nil })
        default: break
        }
        if let tools = try tools(body["tools"]) { request["tools"] = tools }
        if let choice = try toolChoice(body["tool_choice"], deploymentName: deploymentName, dropUnsupported: dropUnsupported) {
            request["tool_choice"] = .string(choice)
        }
        if let format = try responseFormat(body["response_format"]) { request["response_format"] = format }
        for name in cohereFields {
            if let value = body[name], !value.isNull { request[name] = value }
        }
        return request
    }

    /// The function tools, checked: v2 takes OpenAI's format (`{type: function, function: {name, description,
    /// parameters}}`). Nil without tools. - Throws: 400 naming a tool that is not a named function.
    static func tools(_ value: JSON?) throws -> JSON? {
        guard let tools = value?.arrayValue, !tools.isEmpty else { return nil }
        for (index, tool) in tools.enumerated() {
            guard tool["type"]?.stringValue ?? "function" == "function", let name = tool["function"]?["name"]?.stringValue, !name.isEmpty else {
                throw GatewayError.badRequest("tools[\(index)] is not a function tool with a name.", param: "tools[\(index)]")
            }
        }
        return .array(tools)
    }

    /// `REQUIRED`, `NONE`, or nil for `auto` (v2's default). A named function has no v2 counterpart.
    static func toolChoice(_ value: JSON?, deploymentName: String, dropUnsupported: Bool) throws -> String? {
        switch value {
        case nil, .null?, .string("auto")?: return nil
        case .string("required")?: return "REQUIRED"
        case .string("none")?: return "NONE"
        case .object?:
            guard dropUnsupported else { throw refusal("tool_choice", "a tool_choice naming one function", deploymentName: deploymentName) }
            return "REQUIRED"
        default:
            throw GatewayError.badRequest("tool_choice must be 'auto', 'required', 'none' or a function.", param: "tool_choice")
        }
    }

    /// v2's `response_format` for OpenAI's: `text` is v2's default (nil), `json_object` the same, `json_schema` a
    /// `json_object` constrained by the schema. - Throws: 400 for another type or a `json_schema` without a schema.
    static func responseFormat(_ value: JSON?) throws -> JSON? {
        guard let value, !value.isNull else { return nil }
        switch value["type"]?.stringValue {
        case "text": return nil
        case "json_object": return ["type": "json_object"]
        case "json_schema":
            guard let schema = value["json_schema"]?["schema"], case .object = schema else {
                throw GatewayError.badRequest("response_format.json_schema.schema must be a JSON schema object.", param: "response_format")
            }
            return ["type": "json_object", "json_schema": schema]
        case let type:
            throw GatewayError.badRequest(
                "response_format type '\(type ?? "none")' is not one of text, json_object, json_schema.", param: "response_format")
        }
    }

    /// - Throws: 400 `unsupported_params` naming the first parameter (sorted) v2 cannot express, or `n` above 1.
    ///   `n: 1` and `parallel_tool_calls: true` ask for what Cohere does anyway (one answer, calls in parallel).
    static func refuseUnsupported(_ body: JSON, deploymentName: String) throws {
        let unknown = (body.objectValue ?? [:]).filter { key, value in
            !value.isNull && !mappedParams.contains(key) && !cohereFields.contains(key) && !gatewayFields.contains(key)
                && !(key == "n" && value.intValue == 1) && !(key == "parallel_tool_calls" && value.boolValue == true)
        }
        if let name = unknown.keys.sorted().first { throw refusal(name, "the parameter '\(name)'", deploymentName: deploymentName) }
    }

    static func refusal(_ param: String, _ what: String, deploymentName: String) -> GatewayError {
        GatewayError.badRequest(
            "Cohere model '\(deploymentName)' does not support \(what). Remove it, or set drop_params: true (litellm_settings, or the "
                + "deployment's litellm_params) to have unsupported parameters dropped.", param: param, code: "unsupported_params")
    }
}
