public import GatewayCore

/// Converts chat requests between OpenAI's chat-completions shape and Anthropic's Messages API shape.
///
/// Outbound, ``anthropicRequest(fromOpenAI:upstreamModel:)`` serves the `anthropic/` provider; inbound,
/// ``openAIRequest(fromAnthropic:)`` (in `AnthropicRequestTranslator+Inbound.swift`) serves `POST /v1/messages`.
/// Both are pure functions of the body. Outbound, a request parameter Anthropic cannot express is refused with a 400
/// naming it, or dropped when `drop_params` says so (`AnthropicRequestTranslator+Unsupported.swift`), as LiteLLM does.
///
/// ```swift
/// let upstream = try AnthropicRequestTranslator.anthropicRequest(fromOpenAI: body, upstreamModel: "claude-sonnet-4-5")
/// ```
public enum AnthropicRequestTranslator {
    /// The `max_tokens` sent when the OpenAI request names none: Anthropic requires the field.
    public static let defaultMaxTokens = Dialect.anthropicDefaultMaxTokens

    /// Builds an Anthropic Messages request from an OpenAI chat-completions request.
    ///
    /// System and developer messages become the top-level `system`; `tool` messages become `tool_result` blocks of a
    /// user turn; consecutive turns of one role are merged, because Anthropic requires user and assistant to alternate.
    /// - Parameters:
    ///   - body: the OpenAI-shaped request body.
    ///   - upstreamModel: the Anthropic model name to put in `model`.
    ///   - dropUnsupported: drop parameters Anthropic cannot express instead of refusing them (`drop_params`).
    /// - Returns: the Anthropic-shaped request body.
    /// - Throws: ``GatewayError/badRequest(_:param:code:)`` when `messages` is not an array, a message has an unknown
    ///   role, or a message, content part or tool cannot be expressed in Anthropic's format.
    public static func anthropicRequest(fromOpenAI body: JSON, upstreamModel: String, dropUnsupported: Bool = false) throws -> JSON {
        if !dropUnsupported { try refuseUnsupported(body, model: upstreamModel) }
        guard let messages = body["messages"]?.arrayValue else {
            throw GatewayError.badRequest("'messages' must be an array.", param: "messages")
        }
        var system: [JSON] = []
        var turns: [Turn] = []
        for (offset, message) in messages.enumerated() {
            let param = "messages[\(offset)]"
            switch message["role"]?.stringValue {
            case "system", "developer":
                system += try contentBlocks(message["content"], param: param).filter { $0["type"] == "text" }
            case "user":
                append(Turn(role: "user", blocks: try contentBlocks(message["content"], param: param)), to: &turns)
            case "assistant":
                append(Turn(role: "assistant", blocks: try assistantBlocks(message, param: param)), to: &turns)
            case "tool":
                append(Turn(role: "user", blocks: [try toolResultBlock(message, param: param)]), to: &turns)
            case let role:
                let name = role.map { "'\($0)'" } ?? "missing"
                throw GatewayError.badRequest("Unknown role \(name) in \(param).", param: "\(param).role")
            }
        }
        var request: JSON = ["model": .string(upstreamModel), "messages": .array(turns.map(\.json))]
        if !system.isEmpty { request["system"] = systemValue(system) }
        let maxTokens = body["max_completion_tokens"]?.intValue ?? body["max_tokens"]?.intValue
        request["max_tokens"] = .int(maxTokens ?? defaultMaxTokens)
        for key in ["temperature", "top_p", "top_k"] where body[key]?.doubleValue != nil {
            request[key] = body[key]
        }
        if let stream = body["stream"]?.boolValue { request["stream"] = .bool(stream) }
        switch body["stop"] {
        case .string(let stop)?: request["stop_sequences"] = [.string(stop)]
        case .array(let stops)? where !stops.isEmpty: request["stop_sequences"] = .array(stops)
        default: break
        }
        if let user = body["user"]?.stringValue { request["metadata"] = ["user_id": .string(user)] }
        try addTools(from: body, to: &request)
        addThinking(from: body, to: &request)
        return request
    }

    /// The `input` object of a tool call's JSON-text `arguments`: `{}` when they are missing, invalid or not an object,
    /// since Anthropic requires an object and a model's broken arguments should not fail the whole conversation.
    static func toolInput(fromArguments arguments: String?) -> JSON {
        guard let arguments, let parsed = try? JSONParser.parse(arguments), case .object = parsed else { return [:] }
        return parsed
    }

    // MARK: - Messages

    /// One Anthropic turn being built; consecutive OpenAI messages of one role collect into the same turn.
    private struct Turn {
        var role: String
        var blocks: [JSON]

        var json: JSON {
            // A lone plain text block goes out as a string, the form most requests take.
            if blocks.count == 1, blocks[0]["type"] == "text", blocks[0]["cache_control"] == nil, let text = blocks[0]["text"] {
                return ["role": .string(role), "content": text]
            }
            // Anthropic wants tool_result blocks before any other content of a user turn.
            let results = blocks.filter { $0["type"] == "tool_result" }
            let others = blocks.filter { $0["type"] != "tool_result" }
            return ["role": .string(role), "content": .array(results + others)]
        }
    }

    private static func append(_ turn: Turn, to turns: inout [Turn]) {
        // Anthropic rejects empty content, and an empty turn carries nothing.
        guard !turn.blocks.isEmpty else { return }
        if let last = turns.indices.last, turns[last].role == turn.role {
            turns[last].blocks += turn.blocks
        } else {
            turns.append(turn)
        }
    }

    /// The top-level `system`: a string, unless a block carries `cache_control`, which only the block form can keep.
    private static func systemValue(_ blocks: [JSON]) -> JSON {
        if blocks.contains(where: { $0["cache_control"] != nil }) { return .array(blocks) }
        return .string(blocks.compactMap { $0["text"]?.stringValue }.joined(separator: "\n\n"))
    }

    /// An assistant turn: its `thinking_blocks` first (signed thinking sent back as it came, as Anthropic requires in
    /// a tool-use conversation), then its content, then a `tool_use` block per tool call.
    private static func assistantBlocks(_ message: JSON, param: String) throws -> [JSON] {
        var blocks = try thinkingBlocks(message["thinking_blocks"], param: "\(param).thinking_blocks")
        blocks += try contentBlocks(message["content"], param: param)
        for (offset, call) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            guard let id = call["id"]?.stringValue, let name = call["function"]?["name"]?.stringValue else {
                let callParam = "\(param).tool_calls[\(offset)]"
                throw GatewayError.badRequest("\(callParam) needs an id and a function name.", param: callParam)
            }
            let input = toolInput(fromArguments: call["function"]?["arguments"]?.stringValue)
            blocks.append(["type": "tool_use", "id": .string(id), "name": .string(name), "input": input])
        }
        return blocks
    }

    /// LiteLLM's `thinking_blocks`: `{type: thinking, thinking, signature}` and `{type: redacted_thinking, data}`.
    private static func thinkingBlocks(_ value: JSON?, param: String) throws -> [JSON] {
        guard let value, !value.isNull else { return [] }
        guard let blocks = value.arrayValue else { throw GatewayError.badRequest("\(param) must be an array.", param: param) }
        return try blocks.enumerated().map { offset, block in
            let valid =
                switch block["type"]?.stringValue {
                case "thinking": block["thinking"]?.stringValue != nil && block["signature"]?.stringValue != nil
                case "redacted_thinking": block["data"]?.stringValue != nil
                default: false
                }
            guard valid else {
                throw GatewayError.badRequest(
                    "\(param)[\(offset)] must be a thinking block with its signature or a redacted_thinking block with its data.",
                    param: "\(param)[\(offset)]")
            }
            return block
        }
    }

    private static func toolResultBlock(_ message: JSON, param: String) throws -> JSON {
        guard let id = message["tool_call_id"]?.stringValue else {
            throw GatewayError.badRequest("\(param) has role 'tool' but no tool_call_id.", param: "\(param).tool_call_id")
        }
        var block: JSON = ["type": "tool_result", "tool_use_id": .string(id)]
        switch message["content"] {
        case .string(let text)? where !text.isEmpty: block["content"] = .string(text)
        case .array?:
            let blocks = try contentBlocks(message["content"], param: param)
            if !blocks.isEmpty { block["content"] = .array(blocks) }
        default: break
        }
        return block
    }

    // MARK: - Content

    /// The Anthropic blocks of an OpenAI `content`: a string, an array of parts, or null. Empty text is dropped.
    private static func contentBlocks(_ content: JSON?, param: String) throws -> [JSON] {
        switch content {
        case .string(let text)?:
            return text.isEmpty ? [] : [["type": "text", "text": .string(text)]]
        case .array(let parts)?:
            return try parts.enumerated().compactMap { offset, part in
                try block(fromPart: part, param: "\(param).content[\(offset)]")
            }
        case .null?, nil:
            return []
        case let other?:
            throw GatewayError.badRequest(
                "\(param).content must be a string or an array of parts, not \(other.typeName).", param: "\(param).content")
        }
    }

    private static func block(fromPart part: JSON, param: String) throws -> JSON? {
        var block: JSON
        switch part["type"]?.stringValue {
        case "text", "refusal":
            guard let text = part["text"]?.stringValue ?? part["refusal"]?.stringValue else {
                throw GatewayError.badRequest("\(param) is a text part without text.", param: param)
            }
            if text.isEmpty { return nil }
            block = ["type": "text", "text": .string(text)]
        case "image_url":
            guard let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue else {
                throw GatewayError.badRequest("\(param) is an image_url part without a url.", param: "\(param).image_url")
            }
            block = ["type": "image", "source": try imageSource(url: url, param: param)]
        case let type:
            throw GatewayError.badRequest(
                "Content part type '\(type ?? "missing")' in \(param) is not supported by Anthropic models.", param: "\(param).type")
        }
        // Prompt-caching markers written for Anthropic by OpenAI-format clients are kept.
        if let cacheControl = part["cache_control"] { block["cache_control"] = cacheControl }
        return block
    }

    /// An Anthropic image `source`: base64 from a `data:` URL, or a URL source for http(s).
    private static func imageSource(url: String, param: String) throws -> JSON {
        if url.hasPrefix("http://") || url.hasPrefix("https://") {
            return ["type": "url", "url": .string(url)]
        }
        guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") else {
            throw GatewayError.badRequest("The image URL in \(param) must be http(s) or a base64 data: URL.", param: param)
        }
        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
        guard header.hasSuffix(";base64") else {
            throw GatewayError.badRequest("The data: URL of the image in \(param) must be base64-encoded.", param: param)
        }
        let mediaType = String(header.dropLast(";base64".count))
        return ["type": "base64", "media_type": .string(mediaType), "data": .string(String(url[url.index(after: comma)...]))]
    }

    // MARK: - Tools

    private static func addTools(from body: JSON, to request: inout JSON) throws {
        // tool_choice without tools means nothing to Anthropic, so it goes only with tools.
        guard let tools = body["tools"]?.arrayValue, !tools.isEmpty else { return }
        request["tools"] = .array(
            try tools.enumerated().map { offset, tool in
                guard tool["type"]?.stringValue ?? "function" == "function", let name = tool["function"]?["name"]?.stringValue else {
                    throw GatewayError.badRequest("tools[\(offset)] must be a function tool with a name.", param: "tools[\(offset)]")
                }
                let schema = tool["function"]?["parameters"] ?? ["type": "object", "properties": [:]]
                var converted: JSON = ["name": .string(name), "input_schema": schema]
                if let description = tool["function"]?["description"]?.stringValue { converted["description"] = .string(description) }
                return converted
            })
        var choice: JSON?
        switch body["tool_choice"] {
        case .string("auto")?: choice = ["type": "auto"]
        case .string("none")?: choice = ["type": "none"]
        case .string("required")?: choice = ["type": "any"]
        case .null?, nil: choice = nil
        case let other?:
            guard let name = other["function"]?["name"]?.stringValue else {
                throw GatewayError.badRequest(
                    "tool_choice must be \"auto\", \"none\", \"required\" or a named function.", param: "tool_choice")
            }
            choice = ["type": "tool", "name": .string(name)]
        }
        // Anthropic's "none" choice has no parallel-use switch; with no tool calls it would mean nothing anyway.
        if body["parallel_tool_calls"]?.boolValue == false, choice?["type"] != "none" {
            var restricted = choice ?? ["type": "auto"]
            restricted["disable_parallel_tool_use"] = true
            choice = restricted
        }
        request["tool_choice"] = choice
    }
}
