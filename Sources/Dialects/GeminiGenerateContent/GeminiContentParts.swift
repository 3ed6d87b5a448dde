import Foundation
import GatewayCore

/// The parts of one OpenAI chat message as Gemini `parts` (``GeminiRequestTranslator``).
///
/// Media: a `data:` URL becomes `inlineData` (the bytes travel in the request); an `http(s)://` or `gs://` URL
/// becomes `fileData` with the media type the part names (`format`) or its file extension says, since Gemini takes
/// file references, never fetches for the gateway, and the gateway fetches nothing itself. A URL whose type cannot
/// be told is refused.
enum GeminiContentParts {
    /// Media types by file extension, for `fileData` URLs that name none.
    static let mediaTypes = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif", "heic": "image/heic",
        "heif": "image/heif", "pdf": "application/pdf", "mp3": "audio/mp3", "wav": "audio/wav", "mp4": "video/mp4", "txt": "text/plain",
    ]

    /// The parts of a `user` message's `content` (a string or an array of parts); empty texts add nothing.
    static func parts(_ content: JSON?, path: String) throws -> [JSON] {
        switch content {
        case nil, .null?: return []
        case .string(let text)?: return text.isEmpty ? [] : [["text": .string(text)]]
        case .array(let items)?:
            return try items.enumerated().compactMap { offset, item in try part(item, path: "\(path)[\(offset)]") }
        case let other?:
            throw GatewayError.badRequest("\(path) must be a string or an array of parts, not \(other.typeName).", param: path)
        }
    }

    /// Text parts only: a system prompt, where Gemini takes no media.
    static func textParts(_ content: JSON?, path: String) throws -> [JSON] {
        try parts(content, path: path).map { part in
            guard part["text"] != nil else { throw GatewayError.badRequest("\(path) may hold text only for Gemini.", param: path) }
            return part
        }
    }

    /// An assistant turn: its content parts, then a `functionCall` per tool call (with the thought signature its id
    /// carries).
    static func assistantParts(_ message: JSON, path: String) throws -> [JSON] {
        var result = try parts(message["content"], path: path + ".content")
        for (offset, call) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            guard let name = call["function"]?["name"]?.stringValue else {
                throw GatewayError.badRequest("\(path).tool_calls[\(offset)] needs a function name.", param: "\(path).tool_calls[\(offset)]")
            }
            var part: JSON = ["functionCall": ["name": .string(name), "args": arguments(call["function"]?["arguments"]?.stringValue)]]
            if let signature = call["id"]?.stringValue.flatMap(GeminiToolCallID.signature(in:)) { part["thoughtSignature"] = .string(signature) }
            result.append(part)
        }
        if let legacy = message["function_call"], let name = legacy["name"]?.stringValue {
            result.append(["functionCall": ["name": .string(name), "args": arguments(legacy["arguments"]?.stringValue)]])
        }
        return result
    }

    /// A `tool` message as a `functionResponse`, named after the call it answers; the result text goes in
    /// `response.content`, as LiteLLM sends it.
    static func functionResponse(_ message: JSON, path: String, names: [String: String]) throws -> JSON {
        guard let id = message["tool_call_id"]?.stringValue else {
            throw GatewayError.badRequest("\(path) has role 'tool' but no tool_call_id.", param: path + ".tool_call_id")
        }
        guard let name = names[id] ?? message["name"]?.stringValue else {
            throw GatewayError.badRequest(
                "\(path) answers tool call '\(id)', which no assistant message made: Gemini needs the function's name.", param: path + ".tool_call_id"
            )
        }
        let text: String
        switch message["content"] {
        case .string(let string)?: text = string
        case .array(let items)?:
            // A functionResponse carries a JSON object: text parts only, never an image dropped on the way.
            text = try items.enumerated().map { offset, item in
                guard item["type"] == "text", let part = item["text"]?.stringValue else {
                    throw GatewayError.badRequest(
                        "\(path).content[\(offset)]: a tool result for Gemini may hold text parts only.", param: "\(path).content[\(offset)]")
                }
                return part
            }.joined()
        default: text = ""
        }
        return ["functionResponse": ["name": .string(name), "response": ["content": .string(text)]]]
    }

    /// The `args` object of a tool call's JSON-text arguments: `{}` when missing or not an object.
    static func arguments(_ text: String?) -> JSON {
        guard let text, let parsed = try? JSONParser.parse(text), case .object = parsed else { return [:] }
        return parsed
    }

    private static func part(_ item: JSON, path: String) throws -> JSON? {
        switch item["type"]?.stringValue {
        case "text", "refusal":
            guard let text = item["text"]?.stringValue ?? item["refusal"]?.stringValue else {
                throw GatewayError.badRequest("\(path) is a text part without text.", param: path)
            }
            return text.isEmpty ? nil : ["text": .string(text)]
        case "image_url":
            let url = item["image_url"]?["url"]?.stringValue ?? item["image_url"]?.stringValue
            return try media(url: url, format: item["image_url"]?["format"]?.stringValue, path: path + ".image_url")
        case "input_audio":
            guard let data = item["input_audio"]?["data"]?.stringValue, let format = item["input_audio"]?["format"]?.stringValue else {
                throw GatewayError.badRequest("\(path) needs input_audio.data and input_audio.format.", param: path + ".input_audio")
            }
            return ["inlineData": ["mimeType": .string("audio/" + format), "data": .string(data)]]
        case "file":
            let file = item["file"]
            if let data = file?["file_data"]?.stringValue { return try media(url: data, format: file?["format"]?.stringValue, path: path + ".file") }
            return try media(url: file?["file_id"]?.stringValue, format: file?["format"]?.stringValue, path: path + ".file")
        case let type:
            throw GatewayError.badRequest(
                "Content part type '\(type ?? "missing")' in \(path) is not supported by Gemini models.", param: path + ".type")
        }
    }

    /// `inlineData` for a base64 `data:` URL, `fileData` for an http(s) or gs:// URI.
    static func media(url: String?, format: String?, path: String) throws -> JSON {
        guard let url, !url.isEmpty else { throw GatewayError.badRequest("\(path) needs a url.", param: path) }
        if url.hasPrefix("data:") {
            guard let comma = url.firstIndex(of: ","), url[..<comma].hasSuffix(";base64") else {
                throw GatewayError.badRequest("\(path): a data: URL must be base64 (data:image/png;base64,...).", param: path)
            }
            let mediaType = String(url[url.index(url.startIndex, offsetBy: 5)..<comma].dropLast(";base64".count))
            return ["inlineData": ["mimeType": .string(mediaType), "data": .string(String(url[url.index(after: comma)...]))]]
        }
        guard url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("gs://") else {
            throw GatewayError.badRequest("\(path) must be a base64 data: URL, an http(s) URL or a gs:// URI.", param: path)
        }
        let fileName = url.split(separator: "?").first.map(String.init) ?? url
        let fileExtension = fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard let mediaType = format ?? mediaTypes[fileExtension] else {
            throw GatewayError.badRequest(
                "\(path): Gemini needs the media type of '\(url)'; name it in the part's `format` (e.g. image/png), or send a data: URL.",
                param: path)
        }
        return ["fileData": ["mimeType": .string(mediaType), "fileUri": .string(url)]]
    }
}
