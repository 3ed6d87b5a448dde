public import GatewayCore

extension AnthropicRequestTranslator {
    /// Builds an OpenAI chat-completions request from an Anthropic Messages request (`POST /v1/messages`).
    ///
    /// `system` becomes a first system message; `tool_result` blocks become `tool` messages, placed before the rest
    /// of their user turn so that they follow the assistant's `tool_calls` as OpenAI requires; `tool_use` blocks become
    /// `tool_calls` whose `arguments` is the serialized `input`. `thinking` blocks are dropped: they are signed for
    /// Anthropic and mean nothing to another upstream. A streaming request asks for usage in the last chunk, since the
    /// Anthropic stream reports output tokens at its end. `model` is kept as sent; a missing `max_tokens` is allowed.
    /// - Parameter body: the Anthropic-shaped request body.
    /// - Returns: the OpenAI-shaped request body.
    /// - Throws: ``GatewayError/badRequest(_:param:code:)`` when `messages` is not an array, a role is not `user` or
    ///   `assistant`, or a block or tool has a type with no OpenAI counterpart.
    public static func openAIRequest(fromAnthropic body: JSON) throws -> JSON {
        guard let messages = body["messages"]?.arrayValue else {
            throw GatewayError.badRequest("'messages' must be an array.", param: "messages")
        }
        var converted: [JSON] = []
        if let system = try systemText(body["system"]) { converted.append(["role": "system", "content": .string(system)]) }
        for (offset, message) in messages.enumerated() {
            let param = "messages[\(offset)]"
            switch message["role"]?.stringValue {
            case "user": converted += try userMessages(message["content"], param: param)
            case "assistant": converted.append(try assistantMessage(message["content"], param: param))
            case let role:
                let name = role.map { "'\($0)'" } ?? "missing"
                throw GatewayError.badRequest("Unknown role \(name) in \(param); use 'user' or 'assistant'.", param: "\(param).role")
            }
        }
        var request: JSON = ["messages": .array(converted)]
        for key in ["model", "max_tokens", "temperature", "top_p", "top_k"] {
            if let value = body[key], !value.isNull { request[key] = value }
        }
        if let stops = body["stop_sequences"]?.arrayValue, !stops.isEmpty { request["stop"] = .array(stops) }
        if let stream = body["stream"]?.boolValue {
            request["stream"] = .bool(stream)
            if stream { request["stream_options"] = ["include_usage": true] }
        }
        if let user = body["metadata"]?["user_id"]?.stringValue { request["user"] = .string(user) }
        try addOpenAITools(from: body, to: &request)
        return request
    }

    static func systemText(_ system: JSON?) throws -> String? {
        switch system {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .array(let blocks)?:
            let texts = blocks.compactMap { $0["type"] == "text" ? $0["text"]?.stringValue : nil }
            return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
        case .null?, nil: return nil
        case let other?:
            throw GatewayError.badRequest("'system' must be a string or an array of text blocks, not \(other.typeName).", param: "system")
        }
    }

    /// The OpenAI messages of one user turn: a `tool` message per `tool_result` block, then one user message with the rest.
    private static func userMessages(_ content: JSON?, param: String) throws -> [JSON] {
        switch content {
        case .string(let text)?:
            return [["role": "user", "content": .string(text)]]
        case .array(let blocks)?:
            var messages: [JSON] = []
            var parts: [JSON] = []
            for (offset, block) in blocks.enumerated() {
                let blockParam = "\(param).content[\(offset)]"
                if block["type"] == "tool_result" {
                    messages.append(try toolMessage(block, param: blockParam))
                } else if let part = try openAIPart(block, param: blockParam) {
                    parts.append(part)
                }
            }
            if parts.count == 1, parts[0]["type"] == "text", let text = parts[0]["text"] {
                messages.append(["role": "user", "content": text])
            } else if !parts.isEmpty {
                messages.append(["role": "user", "content": .array(parts)])
            }
            return messages
        default:
            throw GatewayError.badRequest("\(param).content must be a string or an array of blocks.", param: "\(param).content")
        }
    }

    private static func assistantMessage(_ content: JSON?, param: String) throws -> JSON {
        var texts: [String] = []
        var calls: [JSON] = []
        switch content {
        case .string(let text)?:
            texts.append(text)
        case .array(let blocks)?:
            for (offset, block) in blocks.enumerated() {
                let blockParam = "\(param).content[\(offset)]"
                switch block["type"]?.stringValue {
                case "text": texts.append(block["text"]?.stringValue ?? "")
                case "tool_use":
                    guard let id = block["id"]?.stringValue, let name = block["name"]?.stringValue else {
                        throw GatewayError.badRequest("\(blockParam) is a tool_use block without an id or name.", param: blockParam)
                    }
                    let arguments = (block["input"] ?? [:]).serializedString()
                    calls.append(["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]])
                case "thinking", "redacted_thinking": break
                case let type:
                    throw unsupportedBlock(type, param: blockParam)
                }
            }
        default:
            throw GatewayError.badRequest("\(param).content must be a string or an array of blocks.", param: "\(param).content")
        }
        let text = texts.joined()
        // OpenAI wants null content beside tool calls, and a string otherwise.
        var message: JSON = ["role": "assistant", "content": text.isEmpty && !calls.isEmpty ? .null : .string(text)]
        if !calls.isEmpty { message["tool_calls"] = .array(calls) }
        return message
    }

    private static func toolMessage(_ block: JSON, param: String) throws -> JSON {
        guard let id = block["tool_use_id"]?.stringValue else {
            throw GatewayError.badRequest("\(param) is a tool_result block without a tool_use_id.", param: "\(param).tool_use_id")
        }
        let text: String
        switch block["content"] {
        case .string(let content)?: text = content
        // OpenAI tool messages carry text only: the other blocks of a result are named by untranslatedFields(of:), so a
        // chat deployment refuses them unless drop_params.
        case .array(let blocks)?: text = blocks.compactMap { $0["type"] == "text" ? $0["text"]?.stringValue : nil }.joined(separator: "\n")
        default: text = ""
        }
        return ["role": "tool", "tool_call_id": .string(id), "content": .string(text)]
    }

    /// The OpenAI content part of a user block; nil for a block dropped on purpose (thinking).
    static func openAIPart(_ block: JSON, param: String) throws -> JSON? {
        switch block["type"]?.stringValue {
        case "text":
            return ["type": "text", "text": .string(block["text"]?.stringValue ?? "")]
        case "image":
            let source = block["source"]
            switch source?["type"]?.stringValue {
            case "base64":
                guard let mediaType = source?["media_type"]?.stringValue, let data = source?["data"]?.stringValue else {
                    throw GatewayError.badRequest("\(param) is a base64 image without media_type or data.", param: "\(param).source")
                }
                return ["type": "image_url", "image_url": ["url": .string("data:\(mediaType);base64,\(data)")]]
            case "url":
                guard let url = source?["url"]?.stringValue else {
                    throw GatewayError.badRequest("\(param) is a url image without a url.", param: "\(param).source")
                }
                return ["type": "image_url", "image_url": ["url": .string(url)]]
            default:
                throw GatewayError.badRequest("\(param) has an unsupported image source.", param: "\(param).source")
            }
        case "thinking", "redacted_thinking":
            return nil
        case "document":
            // A plain-text document is text the model reads, so the hooks see it; a PDF, a URL or a content list has
            // no text to show. Either way a chat upstream cannot get the block (``untranslatedFields(of:)``).
            guard block["source"]?["type"] == "text", let text = block["source"]?["data"]?.stringValue else { return nil }
            return ["type": "text", "text": .string(text)]
        case let type:
            throw unsupportedBlock(type, param: param)
        }
    }

    private static func unsupportedBlock(_ type: String?, param: String) -> GatewayError {
        GatewayError.badRequest("Content block type '\(type ?? "missing")' in \(param) is not supported.", param: "\(param).type")
    }

    private static func addOpenAITools(from body: JSON, to request: inout JSON) throws {
        // OpenAI rejects tool_choice without tools, so it goes only with tools.
        guard let tools = body["tools"]?.arrayValue, !tools.isEmpty else { return }
        let functions: [JSON] = try tools.enumerated().compactMap { offset, tool in
            guard let name = tool["name"]?.stringValue else {
                throw GatewayError.badRequest("tools[\(offset)] must be a tool with a name.", param: "tools[\(offset)]")
            }
            // Anthropic's server tools (web search, bash, ...) carry a versioned type and run on Anthropic's side: an
            // Anthropic deployment gets them as sent, the view leaves them out (``serverTools(of:)``).
            guard isCustomTool(tool) else { return nil }
            var function: JSON = ["name": .string(name), "parameters": tool["input_schema"] ?? ["type": "object", "properties": [:]]]
            if let description = tool["description"]?.stringValue { function["description"] = .string(description) }
            return ["type": "function", "function": function]
        }
        guard !functions.isEmpty else { return }
        request["tools"] = .array(functions)
        guard let choice = body["tool_choice"], !choice.isNull else { return }
        switch choice["type"]?.stringValue {
        case "auto": request["tool_choice"] = "auto"
        case "any": request["tool_choice"] = "required"
        case "none": request["tool_choice"] = "none"
        case "tool":
            guard let name = choice["name"]?.stringValue else {
                throw GatewayError.badRequest("tool_choice of type 'tool' needs a name.", param: "tool_choice.name")
            }
            request["tool_choice"] = ["type": "function", "function": ["name": .string(name)]]
        default:
            throw GatewayError.badRequest("tool_choice.type must be auto, any, tool or none.", param: "tool_choice.type")
        }
        if choice["disable_parallel_tool_use"]?.boolValue == true { request["parallel_tool_calls"] = false }
    }
}

extension AnthropicRequestTranslator {
    /// Whether `tool` is a client tool (`type` `custom` or none), as opposed to a server tool Anthropic runs.
    static func isCustomTool(_ tool: JSON) -> Bool { tool["type"]?.stringValue ?? "custom" == "custom" }

    /// The request's server tools (`web_search_20250305`, `bash_20250124`, `code_execution_...`, ...): the view cannot
    /// carry them, so hooks read them as ``RequestView/hostedTools`` (the tool allowlist counts each by its `name`).
    public static func serverTools(of body: JSON) -> [JSON] {
        (body["tools"]?.arrayValue ?? []).filter { !isCustomTool($0) }
    }
}
