import GatewayCore

extension ResponsesRequestTranslator {
    /// Chat messages from normalized Responses items (``normalizedInput(_:)``, or a stored conversation), in order:
    ///
    /// - a `user`, `system` or `developer` message keeps its role; a lone text part becomes string content, other
    ///   parts become `text`, `image_url` and `file` parts;
    /// - an `assistant` message becomes an assistant message with its `output_text` joined and its `refusal`;
    /// - a `function_call` becomes a tool call of the assistant message just before it (a new one, with null
    ///   content, when the message before is not the assistant's), so parallel calls stay one assistant turn;
    /// - a `function_call_output` becomes a `tool` message;
    /// - a `reasoning` item gives no message; the signed thinking the gateway put in its `encrypted_content`
    ///   (``ThinkingEnvelope``) becomes the `thinking_blocks` of the assistant turn that follows it, which Anthropic
    ///   requires back in a tool-use conversation.
    /// - Parameter param: the field the items came from, for errors.
    static func chatMessages(from items: [JSON], param: String) throws -> [JSON] {
        var messages: [JSON] = []
        var pendingThinking: [JSON] = []
        /// Gives the signed thinking read so far to the assistant message at `index`.
        func attachThinking(to index: Int) {
            guard !pendingThinking.isEmpty else { return }
            messages[index]["thinking_blocks"] = .array((messages[index]["thinking_blocks"]?.arrayValue ?? []) + pendingThinking)
            pendingThinking = []
        }
        for (offset, item) in items.enumerated() {
            let itemParam = "\(param)[\(offset)]"
            switch item["type"]?.stringValue {
            case "message":
                let role = item["role"]?.stringValue ?? "user"
                let parts = item["content"]?.arrayValue ?? []
                messages.append(role == "assistant" ? assistantMessage(parts) : try chatMessage(role: role, parts: parts, param: itemParam))
                if role == "assistant" { attachThinking(to: messages.count - 1) }
            case "function_call":
                let call: JSON = [
                    "id": item["call_id"] ?? "", "type": "function",
                    "function": ["name": item["name"] ?? "", "arguments": item["arguments"] ?? "{}"],
                ]
                if let last = messages.indices.last, messages[last]["role"] == "assistant" {
                    messages[last]["tool_calls"] = .array((messages[last]["tool_calls"]?.arrayValue ?? []) + [call])
                } else {
                    messages.append(["role": "assistant", "content": nil, "tool_calls": [call]])
                }
                attachThinking(to: messages.count - 1)
            case "function_call_output":
                messages.append(["role": "tool", "tool_call_id": item["call_id"] ?? "", "content": item["output"] ?? ""])
            case "reasoning":
                pendingThinking += ThinkingEnvelope.decode(item["encrypted_content"]?.stringValue) ?? []
            case let type:
                throw GatewayError.badRequest("\(itemParam) has type '\(type ?? "missing")', which has no chat counterpart.", param: itemParam)
            }
        }
        return messages
    }

    private static func assistantMessage(_ parts: [JSON]) -> JSON {
        let text = parts.compactMap { $0["type"] == "output_text" ? $0["text"]?.stringValue : nil }.joined()
        let refusal = parts.compactMap { $0["type"] == "refusal" ? $0["refusal"]?.stringValue : nil }.joined()
        var message: JSON = ["role": "assistant", "content": text.isEmpty && !refusal.isEmpty ? .null : .string(text)]
        if !refusal.isEmpty { message["refusal"] = .string(refusal) }
        return message
    }

    private static func chatMessage(role: String, parts: [JSON], param: String) throws -> JSON {
        if parts.count == 1, parts[0]["type"] == "input_text", let text = parts[0]["text"] {
            return ["role": .string(role), "content": text]
        }
        let converted: [JSON] = try parts.enumerated().map { offset, part in
            switch part["type"]?.stringValue {
            case "input_text":
                return ["type": "text", "text": part["text"] ?? ""]
            case "input_image":
                var image: JSON = ["url": part["image_url"] ?? ""]
                // chat knows auto, low and high; `original` (full resolution) is closest to high.
                if let detail = part["detail"]?.stringValue { image["detail"] = .string(detail == "original" ? "high" : detail) }
                return ["type": "image_url", "image_url": image]
            case "input_file":
                var file: JSON = ["file_data": part["file_data"] ?? ""]
                if let name = part["filename"] { file["filename"] = name }
                return ["type": "file", "file": file]
            case let type:
                throw GatewayError.badRequest(
                    "\(param).content[\(offset)] has type '\(type ?? "missing")', which has no chat counterpart.",
                    param: "\(param).content[\(offset)]")
            }
        }
        return ["role": .string(role), "content": .array(converted)]
    }
}
