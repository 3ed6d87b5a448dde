import Foundation

/// Writes OpenAI `chat.completion.chunk`s for a decoder that translates another wire format's stream (Bedrock's
/// ConverseStream, Cohere's v2 events, Gemini's `streamGenerateContent`): one id, model and creation time for the
/// whole stream.
public struct ChatChunkWriter: Sendable {
    /// The chunks' id; a decoder may replace it once the upstream names its own.
    public var id: String
    public let model: String
    public let created: Int

    /// - Parameter created: the chunks' `created` (seconds since 1970); nil is now.
    public init(id: String, model: String, created: Int? = nil) {
        self.id = id
        self.model = model
        self.created = created ?? Int(Date().timeIntervalSince1970)
    }

    /// A chunk with one choice carrying `delta`.
    public func chunk(_ delta: JSON, index: Int = 0, finishReason: JSON = .null) -> JSON {
        [
            "id": .string(id), "object": "chat.completion.chunk", "created": .int(created), "model": .string(model),
            "choices": [["index": .int(index), "delta": delta, "logprobs": nil, "finish_reason": finishReason]],
        ]
    }

    /// The usage chunk: empty `choices` and `usage`, as OpenAI ends a stream with `stream_options.include_usage`.
    public func usageChunk(_ usage: Usage) -> JSON {
        var usageChunk = chunk([:])
        usageChunk["choices"] = []
        usageChunk["usage"] = usage.openAIJSON
        return usageChunk
    }
}
