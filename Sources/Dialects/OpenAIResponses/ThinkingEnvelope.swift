import Foundation
import GatewayCore

/// Anthropic's signed thinking, carried through a Responses conversation in a `reasoning` item's `encrypted_content`.
///
/// Anthropic requires the thinking blocks of a tool-use turn back, signatures intact, in the next request; a Responses
/// client sends back the `reasoning` items it received, and `encrypted_content` is the field such clients treat as
/// opaque and return as they got it (the OpenAI Agents SDK does). The blocks (chat's `thinking_blocks`) travel there as
/// base64 JSON behind a prefix, so the gateway tells its own from OpenAI's encrypted reasoning.
enum ThinkingEnvelope {
    static let prefix = "tollgate.thinking.v1:"

    static func encode(_ blocks: [JSON]) -> String {
        prefix + Data(JSON.array(blocks).serializedBytes()).base64EncodedString()
    }

    /// The blocks in an `encrypted_content` the gateway wrote; nil for anything else (OpenAI's own, or missing).
    static func decode(_ content: String?) -> [JSON]? {
        guard let content, content.hasPrefix(prefix), let data = Data(base64Encoded: String(content.dropFirst(prefix.count))),
            let blocks = (try? JSONParser.parse(String(decoding: data, as: UTF8.self)))?.arrayValue
        else { return nil }
        return blocks
    }
}
