import GatewayCore

extension ResponsesRequestTranslator {
    /// The request's `input` as Responses items, each with an `id`, in the shape `GET …/input_items` lists:
    ///
    /// - a string becomes one `user` message with one `input_text` part;
    /// - a message (`type` `message` or omitted) keeps its role; string content becomes one `input_text` part
    ///   (`output_text` for `assistant`); parts are checked: `input_text`, `input_image` (by `image_url`) and
    ///   `input_file` (by `file_data`) for user, system and developer, `output_text` and `refusal` for assistant;
    /// - `function_call` and `function_call_output` items are checked and kept;
    /// - `reasoning` items are kept (a client sends back what it received) and not sent upstream: chat has no field
    ///   for them, as OpenAI itself drops them for a model that did not produce them.
    ///
    /// - Throws: 400 naming `input[i]…` for an item or part that is malformed or has no chat counterpart
    ///   (`item_reference`, built-in tool calls, images by `file_id`, audio, ...).
    static func normalizedInput(_ input: JSON?) throws -> [JSON] {
        switch input {
        case nil, .null?:
            return []
        case .string(let text)?:
            return [message(role: "user", parts: [["type": "input_text", "text": .string(text)]])]
        case .array(let items)?:
            return try items.enumerated().map { offset, item in try normalizedItem(item, param: "input[\(offset)]") }
        case let other?:
            throw GatewayError.badRequest("'input' must be a string or a list of items, not \(other.typeName).", param: "input")
        }
    }

    private static func message(role: String, parts: [JSON], id: String? = nil) -> JSON {
        ["id": .string(id ?? ResponsesIDs.inputItem()), "type": "message", "role": .string(role), "status": "completed", "content": .array(parts)]
    }

    private static func normalizedItem(_ item: JSON, param: String) throws -> JSON {
        guard case .object = item else {
            throw GatewayError.badRequest("\(param) must be an object, not \(item.typeName).", param: param)
        }
        let id = try optionalString(item, "id", param: "\(param).id")
        switch try optionalString(item, "type", param: "\(param).type") ?? "message" {
        case "message":
            guard let role = try optionalString(item, "role", param: "\(param).role") else {
                throw GatewayError.badRequest("\(param) is a message without a role.", param: "\(param).role")
            }
            guard ["user", "system", "developer", "assistant"].contains(role) else {
                throw GatewayError.badRequest(
                    "\(param).role '\(role)' is not one of user, system, developer, assistant.", param: "\(param).role")
            }
            return message(role: role, parts: try parts(of: item["content"], role: role, param: "\(param).content"), id: id)
        case "function_call":
            guard let callID = try optionalString(item, "call_id", param: "\(param).call_id"), !callID.isEmpty,
                let name = try optionalString(item, "name", param: "\(param).name"), !name.isEmpty
            else {
                throw GatewayError.badRequest("\(param) is a function_call without a call_id or name.", param: param)
            }
            let arguments = try optionalString(item, "arguments", param: "\(param).arguments") ?? "{}"
            return [
                "id": .string(id ?? ResponsesIDs.functionCall()), "type": "function_call", "call_id": .string(callID), "name": .string(name),
                "arguments": .string(arguments), "status": "completed",
            ]
        case "function_call_output":
            guard let callID = try optionalString(item, "call_id", param: "\(param).call_id"), !callID.isEmpty else {
                throw GatewayError.badRequest("\(param) is a function_call_output without a call_id.", param: "\(param).call_id")
            }
            return [
                "id": .string(id ?? ResponsesIDs.inputItem()), "type": "function_call_output", "call_id": .string(callID),
                "output": .string(try toolOutputText(item["output"], param: "\(param).output")), "status": "completed",
            ]
        case "reasoning":
            var kept = item
            kept["id"] = .string(id ?? ResponsesIDs.reasoning())
            return kept
        case let type:
            throw GatewayError.badRequest(
                "\(param) has type '\(type)', which has no chat-completions counterpart.", param: "\(param).type", code: "unsupported_parameter")
        }
    }

    /// A function call's output as text: a string, or a list of `input_text` parts joined (chat tool messages carry
    /// text only, so an image or file in the output is refused).
    private static func toolOutputText(_ output: JSON?, param: String) throws -> String {
        switch output {
        case .string(let text)?: return text
        case .array(let parts)?:
            return try parts.enumerated().map { offset, part in
                guard part["type"] == "input_text", let text = part["text"]?.stringValue else {
                    throw GatewayError.badRequest(
                        "\(param)[\(offset)] must be an input_text part: chat tool results carry text only.", param: "\(param)[\(offset)]",
                        code: "unsupported_parameter")
                }
                return text
            }.joined()
        default:
            throw GatewayError.badRequest("\(param) must be a string or a list of input_text parts.", param: param)
        }
    }

    /// A message's content as Responses parts.
    private static func parts(of content: JSON?, role: String, param: String) throws -> [JSON] {
        let textType: JSON = role == "assistant" ? "output_text" : "input_text"
        switch content {
        case .string(let text)?:
            return [role == "assistant" ? outputText(text) : ["type": textType, "text": .string(text)]]
        case .array(let parts)?:
            return try parts.enumerated().map { offset, part in try checkedPart(part, role: role, param: "\(param)[\(offset)]") }
        default:
            throw GatewayError.badRequest("\(param) must be a string or a list of content parts.", param: param)
        }
    }

    static func outputText(_ text: String) -> JSON {
        ["type": "output_text", "text": .string(text), "annotations": []]
    }

    private static func checkedPart(_ part: JSON, role: String, param: String) throws -> JSON {
        let type = try optionalString(part, "type", param: "\(param).type") ?? "missing"
        let allowed =
            role == "assistant" ? ["output_text", "refusal"] : role == "user" ? ["input_text", "input_image", "input_file"] : ["input_text"]
        guard allowed.contains(type) else {
            throw GatewayError.badRequest(
                "\(param) has type '\(type)', which a \(role) message cannot carry through chat completions (\(allowed.joined(separator: ", ")))",
                param: "\(param).type", code: "unsupported_parameter")
        }
        switch type {
        case "input_text", "output_text":
            guard let text = try optionalString(part, "text", param: "\(param).text") else {
                throw GatewayError.badRequest("\(param) has no text.", param: "\(param).text")
            }
            return type == "output_text" ? outputText(text) : ["type": "input_text", "text": .string(text)]
        case "refusal":
            return ["type": "refusal", "refusal": .string(try optionalString(part, "refusal", param: "\(param).refusal") ?? "")]
        case "input_image":
            guard let url = try optionalString(part, "image_url", param: "\(param).image_url"), !url.isEmpty else {
                throw GatewayError.badRequest(
                    "\(param) needs an image_url (images by file_id are not supported through the chat translation).",
                    param: "\(param).image_url", code: "unsupported_parameter")
            }
            let detail = try optionalString(part, "detail", param: "\(param).detail") ?? "auto"
            guard ["auto", "low", "high", "original"].contains(detail) else {
                throw GatewayError.badRequest("\(param).detail must be auto, low, high or original.", param: "\(param).detail")
            }
            return ["type": "input_image", "image_url": .string(url), "detail": .string(detail)]
        default:
            guard let data = try optionalString(part, "file_data", param: "\(param).file_data"), !data.isEmpty else {
                throw GatewayError.badRequest(
                    "\(param) needs file_data (files by file_id or file_url are not supported through the chat translation).",
                    param: "\(param).file_data", code: "unsupported_parameter")
            }
            var file: JSON = ["type": "input_file", "file_data": .string(data)]
            if let name = try optionalString(part, "filename", param: "\(param).filename") { file["filename"] = .string(name) }
            return file
        }
    }
}
