public import GatewayCore

/// Finds tool names in request bodies, complete responses and streamed chunks, all in the OpenAI chat shape the
/// pipeline carries (Anthropic `/v1/messages` requests are translated to it before any hook runs).
///
/// Each function reads only the fields that can carry a tool name and returns them in body order (duplicates
/// kept; callers compare sets). Values of the wrong type are skipped: the request validator and the upstream
/// answer for malformed bodies, and a check that throws on shape would turn bad input into a 500.
public enum ToolNames {
    /// The tools a request offers or forces the model to use.
    ///
    /// - `tools[].function.name` (chat completions, and Anthropic tools after translation);
    /// - `tools[].name` (the Responses API and raw Anthropic shape, accepted defensively);
    /// - `functions[].name` (the legacy functions API);
    /// - `tool_choice.function.name`, `tool_choice.name` and legacy `function_call.name`: forcing a tool is using
    ///   it, and an upstream that does not check `tool_choice` against `tools` must not be the only guard.
    public static func inRequest(_ body: JSON) -> [String] {
        var names: [String] = []
        for tool in body["tools"]?.arrayValue ?? [] {
            if let name = tool["function"]?["name"]?.stringValue ?? tool["name"]?.stringValue { names.append(name) }
        }
        for function in body["functions"]?.arrayValue ?? [] {
            if let name = function["name"]?.stringValue { names.append(name) }
        }
        if let choice = body["tool_choice"], let name = choice["function"]?["name"]?.stringValue ?? choice["name"]?.stringValue {
            names.append(name)
        }
        if let name = body["function_call"]?["name"]?.stringValue { names.append(name) }
        return names
    }

    /// The tools a complete chat completion calls: `choices[].message.tool_calls[].function.name` and legacy
    /// `choices[].message.function_call.name`.
    public static func calledInResponse(_ response: JSON) -> [String] {
        calls(in: response, field: "message")
    }

    /// The tools a streamed chunk starts calling: `choices[].delta.tool_calls[].function.name` and legacy
    /// `choices[].delta.function_call.name`. A name arrives whole in the first delta of each call; later deltas
    /// carry argument fragments only, so no state across chunks is needed.
    public static func calledInChunk(_ chunk: JSON) -> [String] {
        calls(in: chunk, field: "delta")
    }

    private static func calls(in object: JSON, field: String) -> [String] {
        guard let choices = object["choices"]?.arrayValue else { return [] }
        var names: [String] = []
        for choice in choices {
            guard let message = choice[field] else { continue }
            for call in message["tool_calls"]?.arrayValue ?? [] {
                // Empty names are what some providers put in continuation deltas; they name nothing.
                if let name = call["function"]?["name"]?.stringValue, !name.isEmpty { names.append(name) }
            }
            if let name = message["function_call"]?["name"]?.stringValue, !name.isEmpty { names.append(name) }
        }
        return names
    }
}
