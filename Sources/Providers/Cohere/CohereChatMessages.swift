import GatewayCore

/// One OpenAI chat message as a Cohere v2 message (``CohereChatRequest``).
///
/// | OpenAI | v2 |
/// | --- | --- |
/// | `system`, `developer` | `system`, text |
/// | `user`: a string, `text` and `image_url` parts | `user`: the string, `{type: text}` and `{type: image_url}` parts |
/// | `assistant`: text, `tool_calls` | `assistant`: `content` text, or with tool calls `tool_plan` (the text the model said before calling) and `tool_calls` |
/// | `tool`: `tool_call_id`, text | `tool`: `tool_call_id`, `content` |
///
/// Other roles and parts (audio, files) are refused with 400 naming the message.
enum CohereChatMessages {
    /// - Throws: 400 naming the message for a role or part v2 cannot take.
    static func message(_ message: JSON, index: Int) throws -> JSON {
        let path = "messages[\(index)]"
        switch message["role"]?.stringValue {
        case "system", "developer":
            return ["role": "system", "content": .string(try text(message["content"], path: path + ".content"))]
        case "user":
            return ["role": "user", "content": try userContent(message["content"], path: path + ".content")]
        case "assistant":
            let said = try text(message["content"], path: path + ".content")
            guard let calls = message["tool_calls"]?.arrayValue, !calls.isEmpty else {
                return ["role": "assistant", "content": .string(said)]
            }
            var turn: JSON = [
                "role": "assistant", "tool_calls": .array(try calls.enumerated().map { try toolCall($1, path: "\(path).tool_calls[\($0)]") }),
            ]
            if !said.isEmpty { turn["tool_plan"] = .string(said) }
            return turn
        case "tool":
            guard let id = message["tool_call_id"]?.stringValue, !id.isEmpty else {
                throw GatewayError.badRequest("\(path) (a tool result) needs tool_call_id.", param: path + ".tool_call_id")
            }
            return ["role": "tool", "tool_call_id": .string(id), "content": .string(try text(message["content"], path: path + ".content"))]
        case let role:
            throw GatewayError.badRequest("\(path) has the role '\(role ?? "none")', which Cohere cannot take.", param: path + ".role")
        }
    }

    /// A tool call as v2 takes it: `{id, type: function, function: {name, arguments}}`.
    static func toolCall(_ call: JSON, path: String) throws -> JSON {
        guard let id = call["id"]?.stringValue, let name = call["function"]?["name"]?.stringValue else {
            throw GatewayError.badRequest("\(path) needs an id and a function name.", param: path)
        }
        let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
        return ["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]]
    }

    /// The text of a string or of text parts, joined. - Throws: 400 for another part.
    static func text(_ content: JSON?, path: String) throws -> String {
        switch content {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case .array(let parts)?:
            return try parts.enumerated().map { offset, part in
                guard part["type"]?.stringValue == "text", let text = part["text"]?.stringValue else {
                    throw GatewayError.badRequest("\(path)[\(offset)] may hold text only for Cohere.", param: "\(path)[\(offset)]")
                }
                return text
            }.joined()
        default: throw GatewayError.badRequest("\(path) must be a string or an array of parts.", param: path)
        }
    }

    /// A user turn's content: the string, or `text` and `image_url` parts (v2's vision models take the same part).
    static func userContent(_ content: JSON?, path: String) throws -> JSON {
        switch content {
        case .string?: return content ?? ""
        case .array(let parts)?:
            return .array(
                try parts.enumerated().map { offset, part in
                    switch part["type"]?.stringValue {
                    case "text":
                        return ["type": "text", "text": part["text"] ?? ""]
                    case "image_url":
                        guard let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue else {
                            throw GatewayError.badRequest("\(path)[\(offset)].image_url needs a url.", param: "\(path)[\(offset)]")
                        }
                        var image: JSON = ["url": .string(url)]
                        if let detail = part["image_url"]?["detail"], !detail.isNull { image["detail"] = detail }
                        return ["type": "image_url", "image_url": image]
                    case let type:
                        throw GatewayError.badRequest(
                            "\(path)[\(offset)] is a '\(type ?? "?")' part, which Cohere cannot take.", param: "\(path)[\(offset)]")
                    }
                })
        case nil, .null?: return ""
        default: throw GatewayError.badRequest("\(path) must be a string or an array of parts.", param: path)
        }
    }
}
