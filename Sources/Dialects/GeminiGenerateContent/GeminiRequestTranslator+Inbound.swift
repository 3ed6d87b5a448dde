public import GatewayCore

/// A Gemini `generateContent` request from a client (`POST /v1beta/models/{model}:generateContent`) read into the
/// OpenAI chat view the hooks read and a deployment of another dialect gets.
///
/// | Gemini | OpenAI chat view |
/// | --- | --- |
/// | `systemInstruction.parts[].text` | a first `system` message (texts joined by newlines) |
/// | `contents[]`, role `user` (or none, or `function`) / `model` | `user` / `assistant` messages |
/// | `text` parts | text (a `model` turn's `thought: true` parts are left out: thought summaries mean nothing elsewhere) |
/// | `inlineData` image / wav, mp3 audio / PDF | `image_url` (a data: URL) / `input_audio` / `file` parts |
/// | `fileData` with an http(s) image URI | an `image_url` part |
/// | `functionCall` parts of a `model` turn | `tool_calls` (`args` serialized; id: the call's `id`, else `call_<turn>_<part>`) |
/// | `functionResponse` parts | `tool` messages before the rest of their turn, answering the call of that id, else the earliest unanswered call of that name |
/// | `generationConfig`, `tools`, `toolConfig` | see `+InboundConfig` |
///
/// What the view cannot carry (other media, Gemini's own tools, `safetySettings`, `cachedContent`, ...) is listed
/// in ``GeminiInboundRequest/untranslated``; a part's `thoughtSignature` rides in its call's id
/// (``GeminiToolCallID``) and is otherwise dropped, as signed thinking means nothing elsewhere.
extension GeminiRequestTranslator {
    /// Top-level fields read into the view (`model` comes from the URL and is ignored in the body).
    static let inboundFields: Set<String> = ["contents", "systemInstruction", "generationConfig", "tools", "toolConfig", "model"]

    /// Builds the view of a Gemini request.
    /// - Parameters:
    ///   - body: the `generateContent` body as the client sent it.
    ///   - model: the model named in the URL (a gateway model name).
    ///   - stream: whether the client called `streamGenerateContent`.
    /// - Returns: the view, and what it does not carry.
    /// - Throws: 400 naming the field for a malformed request (no `contents`, a role other than `user` or `model`,
    ///   a part that is not an object, a `functionCall` without a name).
    public static func inboundRequest(fromGemini body: JSON, model: String, stream: Bool) throws -> GeminiInboundRequest {
        guard case .object = body else { throw GatewayError.badRequest("The request body must be a JSON object.") }
        guard let contents = body.inbound("contents")?.arrayValue, !contents.isEmpty else {
            throw GatewayError.badRequest("'contents' must be a non-empty array of Content.", param: "contents")
        }
        var untranslated: [String] = []
        var messages: [JSON] = []
        if let system = body.inbound("systemInstruction") {
            if let text = try systemText(system, untranslated: &untranslated) { messages.append(["role": "system", "content": .string(text)]) }
        }
        var calls = InboundCalls()
        for (turn, content) in contents.enumerated() {
            let path = "contents[\(turn)]"
            guard let parts = content.inbound("parts")?.arrayValue else {
                throw GatewayError.badRequest("\(path).parts must be an array of Part.", param: "\(path).parts")
            }
            switch content.inbound("role")?.stringValue ?? "user" {
            case "user", "function", "tool":
                messages += try userMessages(parts, path: path, calls: &calls, untranslated: &untranslated)
            case "model":
                messages.append(try modelMessage(parts, turn: turn, calls: &calls, untranslated: &untranslated))
            case let role:
                throw GatewayError.badRequest("Unknown role '\(role)' in \(path); use 'user' or 'model'.", param: "\(path).role")
            }
        }
        var view: JSON = ["model": .string(model), "messages": .array(messages)]
        if stream {
            view["stream"] = true
            view["stream_options"] = ["include_usage": true]
        }
        let includeThoughts = try addGenerationConfig(body.inbound("generationConfig"), to: &view, untranslated: &untranslated)
        try addInboundTools(from: body, to: &view, untranslated: &untranslated)
        for member in body.inboundMembers where !inboundFields.contains(member.name) { untranslated.append(member.sent) }
        return GeminiInboundRequest(view: view, untranslated: untranslated, includeThoughts: includeThoughts)
    }

    /// Tool calls of `model` turns not answered yet, so a `functionResponse` without an id answers the earliest one of
    /// its name, as Gemini pairs them.
    struct InboundCalls {
        var pending: [(name: String, id: String)] = []

        /// The view's id of the call a response answers: by the response's `id` (a call's view id may carry its thought
        /// signature after the Gemini id, ``GeminiToolCallID``), else the earliest pending call of `name`.
        mutating func answer(name: String, id: String?) -> String? {
            if let id {
                guard let index = pending.firstIndex(where: { $0.id == id || $0.id.hasPrefix(id + GeminiToolCallID.separator) }) else { return id }
                return pending.remove(at: index).id
            }
            guard let index = pending.firstIndex(where: { $0.name == name }) else { return nil }
            return pending.remove(at: index).id
        }
    }

    private static func systemText(_ system: JSON, untranslated: inout [String]) throws -> String? {
        if let text = system.stringValue { return text.isEmpty ? nil : text }
        guard let parts = system.inbound("parts")?.arrayValue else {
            throw GatewayError.badRequest("'systemInstruction' must be a Content with parts.", param: "systemInstruction")
        }
        var texts: [String] = []
        for (offset, part) in parts.enumerated() {
            if let text = part.inbound("text")?.stringValue { texts.append(text) } else { untranslated.append("systemInstruction.parts[\(offset)]") }
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// A user turn: a `tool` message per `functionResponse` part, then one user message with the rest.
    private static func userMessages(_ parts: [JSON], path: String, calls: inout InboundCalls, untranslated: inout [String]) throws -> [JSON] {
        var messages: [JSON] = []
        var content: [JSON] = []
        for (offset, part) in parts.enumerated() {
            let partPath = "\(path).parts[\(offset)]"
            guard case .object = part else { throw GatewayError.badRequest("\(partPath) must be a Part object.", param: partPath) }
            let noted = noteUnknownPartFields(
                part, path: partPath, known: ["text", "inlineData", "fileData", "functionResponse", "thought"], into: &untranslated)
            if let response = part.inbound("functionResponse") {
                messages.append(try toolMessage(response, path: partPath + ".functionResponse", calls: &calls, untranslated: &untranslated))
            } else if let text = part.inbound("text")?.stringValue {
                if part.inbound("thought")?.boolValue != true { content.append(["type": "text", "text": .string(text)]) }
            } else if let media = mediaPart(part) {
                content.append(media)
            } else if !noted {
                untranslated.append(partPath)
            }
        }
        if content.count == 1, let text = content[0]["text"], content[0]["type"] == "text" {
            messages.append(["role": "user", "content": text])
        } else if !content.isEmpty {
            messages.append(["role": "user", "content": .array(content)])
        }
        return messages
    }

    private static func modelMessage(_ parts: [JSON], turn: Int, calls: inout InboundCalls, untranslated: inout [String]) throws -> JSON {
        var texts: [String] = []
        var toolCalls: [JSON] = []
        for (offset, part) in parts.enumerated() {
            let partPath = "contents[\(turn)].parts[\(offset)]"
            guard case .object = part else { throw GatewayError.badRequest("\(partPath) must be a Part object.", param: partPath) }
            let noted = noteUnknownPartFields(part, path: partPath, known: ["text", "functionCall", "thought"], into: &untranslated)
            if let call = part.inbound("functionCall") {
                guard let name = call.inbound("name")?.stringValue, !name.isEmpty else {
                    throw GatewayError.badRequest("\(partPath).functionCall needs a name.", param: "\(partPath).functionCall.name")
                }
                let geminiID = call.inbound("id")?.stringValue ?? "call_\(turn)_\(offset)"
                let id = GeminiToolCallID.make(geminiID: geminiID, signature: part.inbound("thoughtSignature")?.stringValue)
                calls.pending.append((name, id))
                let arguments = (call.inbound("args") ?? [:]).serializedString()
                toolCalls.append(["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]])
            } else if let text = part.inbound("text")?.stringValue {
                if part.inbound("thought")?.boolValue != true { texts.append(text) }
            } else if !noted {
                untranslated.append(partPath)
            }
        }
        let text = texts.joined()
        var message: JSON = ["role": "assistant", "content": text.isEmpty && !toolCalls.isEmpty ? .null : .string(text)]
        if !toolCalls.isEmpty { message["tool_calls"] = .array(toolCalls) }
        return message
    }

    private static func toolMessage(_ response: JSON, path: String, calls: inout InboundCalls, untranslated: inout [String]) throws -> JSON {
        guard let name = response.inbound("name")?.stringValue, !name.isEmpty else {
            throw GatewayError.badRequest("\(path) needs a name.", param: "\(path).name")
        }
        // A response whose call the history does not hold still goes (the upstream judges it), under an id of its own.
        let id = calls.answer(name: name, id: response.inbound("id")?.stringValue) ?? "call_\(name)"
        if let parts = response.inbound("parts")?.arrayValue, !parts.isEmpty { untranslated.append(path + ".parts") }
        for member in response.inboundMembers where !["name", "id", "response", "parts"].contains(member.name) {
            untranslated.append("\(path).\(member.sent)")
        }
        let result = response.inbound("response") ?? [:]
        return ["role": "tool", "tool_call_id": .string(id), "content": .string(result.serializedString())]
    }

    /// The chat content part of an `inlineData` or `fileData` part the view can carry; nil otherwise.
    private static func mediaPart(_ part: JSON) -> JSON? {
        if let inline = part.inbound("inlineData") {
            guard let mimeType = inline.inbound("mimeType")?.stringValue?.lowercased(), let data = inline.inbound("data")?.stringValue else {
                return nil
            }
            if mimeType.hasPrefix("image/") { return ["type": "image_url", "image_url": ["url": .string("data:\(mimeType);base64,\(data)")]] }
            if let format = audioFormats[mimeType] {
                return ["type": "input_audio", "input_audio": ["data": .string(data), "format": .string(format)]]
            }
            if mimeType == "application/pdf" { return ["type": "file", "file": ["file_data": .string("data:\(mimeType);base64,\(data)")]] }
            return nil
        }
        if let file = part.inbound("fileData"), let uri = file.inbound("fileUri")?.stringValue {
            let mimeType = file.inbound("mimeType")?.stringValue?.lowercased() ?? ""
            guard uri.hasPrefix("https://") || uri.hasPrefix("http://"), mimeType.isEmpty || mimeType.hasPrefix("image/") else { return nil }
            return ["type": "image_url", "image_url": ["url": .string(uri)]]
        }
        return nil
    }

    /// Audio media types with an OpenAI `input_audio` format.
    static let audioFormats = ["audio/wav": "wav", "audio/x-wav": "wav", "audio/wave": "wav", "audio/mp3": "mp3", "audio/mpeg": "mp3"]

    /// Part fields the view has no place for (`videoMetadata`, `executableCode`, ...), each as a path; a part's
    /// `thoughtSignature` is not among them (see the type's notes).
    /// - Returns: whether any was noted (the part then needs no entry of its own).
    @discardableResult
    private static func noteUnknownPartFields(_ part: JSON, path: String, known: Set<String>, into untranslated: inout [String]) -> Bool {
        let count = untranslated.count
        for member in part.inboundMembers where !known.contains(member.name) && member.name != "thoughtSignature" {
            // The media fields stand for the whole part: `mediaPart` decides whether the view carries them.
            if member.name == "inlineData" || member.name == "fileData" { continue }
            untranslated.append("\(path).\(member.sent)")
        }
        return untranslated.count > count
    }
}
