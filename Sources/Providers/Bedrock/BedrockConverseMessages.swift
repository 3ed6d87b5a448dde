import Foundation
import GatewayCore

/// The content of one OpenAI chat message as Converse content blocks (``BedrockConverseRequest``).
enum BedrockConverseMessages {
    /// Image formats Converse accepts, by the media type of a data URL.
    static let imageFormats = ["image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg", "image/gif": "gif", "image/webp": "webp"]

    /// The Converse role and content of a `user`, `assistant` or `tool` message.
    /// - Throws: 400 naming the message for another role or malformed content.
    static func turn(_ message: JSON, index: Int) throws -> (String, [JSON]) {
        let path = "messages[\(index)]"
        switch message["role"]?.stringValue {
        case "user":
            return ("user", try contentBlocks(message["content"], path: path + ".content"))
        case "assistant":
            var blocks = try contentBlocks(message["content"], path: path + ".content")
            for (callIndex, call) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
                guard let id = call["id"]?.stringValue, let name = call["function"]?["name"]?.stringValue else {
                    throw GatewayError.badRequest("\(path).tool_calls[\(callIndex)] needs an id and a function name.", param: path)
                }
                let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
                let input = (try? JSONParser.parse(arguments)).flatMap { $0.objectValue == nil ? nil : $0 } ?? [:]
                blocks.append(["toolUse": ["toolUseId": .string(id), "name": .string(name), "input": input]])
            }
            return ("assistant", blocks)
        case "tool":
            guard let id = message["tool_call_id"]?.stringValue else {
                throw GatewayError.badRequest("\(path) (a tool result) needs tool_call_id.", param: path + ".tool_call_id")
            }
            let text = try textBlocks(message["content"], path: path + ".content")
            return ("user", [["toolResult": ["toolUseId": .string(id), "content": .array(text.isEmpty ? [["text": ""]] : text)]]])
        case let role:
            throw GatewayError.badRequest("\(path) has the role '\(role ?? "none")', which Bedrock Converse cannot take.", param: path + ".role")
        }
    }

    /// Converse's prompt-cache checkpoint: what a part's `cache_control` (Anthropic's, as LiteLLM takes it in OpenAI
    /// messages) becomes, right after the part's block.
    static let cachePoint: JSON = ["cachePoint": ["type": "default"]]

    /// Text and image blocks of a message's `content` (a string, or an array of parts), each part with
    /// `cache_control` followed by a ``cachePoint``.
    static func contentBlocks(_ content: JSON?, path: String) throws -> [JSON] {
        switch content {
        case nil, .null?: return []
        case .string(let text)?: return text.isEmpty ? [] : [["text": .string(text)]]
        case .array(let parts)?:
            return try parts.enumerated().flatMap { offset, part -> [JSON] in
                guard let block = try partBlock(part, path: "\(path)[\(offset)]") else { return [] }
                let cached = part["cache_control"].map { !$0.isNull } ?? false
                return cached ? [block, cachePoint] : [block]
            }
        default: throw GatewayError.badRequest("\(path) must be a string or an array of parts.", param: path)
        }
    }

    /// The block of one content part; nil for an empty text part.
    private static func partBlock(_ part: JSON, path: String) throws -> JSON? {
        switch part["type"]?.stringValue {
        case "text":
            // Converse refuses blank text blocks; an empty part adds nothing.
            let text = part["text"]?.stringValue ?? ""
            return text.isEmpty ? nil : ["text": .string(text)]
        case "image_url":
            return try imageBlock(part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue, path: path)
        case let type:
            throw GatewayError.badRequest("\(path) is a '\(type ?? "?")' part, which Bedrock Converse cannot take.", param: path)
        }
    }

    /// Text blocks only (system prompts, which may hold cache points, and tool results, which may not: a tool
    /// result's `cache_control` is refused rather than dropped).
    static func textBlocks(_ content: JSON?, path: String, allowsCachePoint: Bool = false) throws -> [JSON] {
        try contentBlocks(content, path: path).map { block in
            guard block["text"] != nil || (allowsCachePoint && block == cachePoint) else {
                throw GatewayError.badRequest("\(path) may hold text only\(allowsCachePoint ? "" : ", without cache_control").", param: path)
            }
            return block
        }
    }

    /// A Converse image block from a `data:image/...;base64,` URL. Converse takes the bytes only (it fetches nothing).
    static func imageBlock(_ url: String?, path: String) throws -> JSON {
        guard let url, url.hasPrefix("data:"), let comma = url.firstIndex(of: ","), url[..<comma].hasSuffix(";base64") else {
            throw GatewayError.badRequest("\(path): Bedrock takes images as base64 data URLs (data:image/png;base64,...) only.", param: path)
        }
        let mediaType = String(url[url.index(url.startIndex, offsetBy: 5)..<comma].dropLast(";base64".count)).lowercased()
        guard let format = imageFormats[mediaType] else {
            throw GatewayError.badRequest("\(path): Bedrock takes png, jpeg, gif or webp images, not '\(mediaType)'.", param: path)
        }
        let base64 = String(url[url.index(after: comma)...])
        guard Data(base64Encoded: base64) != nil else { throw GatewayError.badRequest("\(path): the image is not valid base64.", param: path) }
        return ["image": ["format": .string(format), "source": ["bytes": .string(base64)]]]
    }
}
