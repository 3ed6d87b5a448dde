public import GatewayCore

/// Turns the server-sent events of `streamGenerateContent?alt=sse` into OpenAI `chat.completion.chunk` objects.
///
/// Each event is a whole `GenerateContentResponse` holding the next piece of each candidate. The first event gives
/// a role chunk; `text` parts give `content`, `thought` parts `reasoning_content`, each `functionCall` a whole tool
/// call (Gemini streams calls whole); a candidate's `finishReason` gives its `finish_reason` chunk. A blocked prompt
/// (`promptFeedback.blockReason`) gives `content_filter`. Gemini's stream has no end marker: the body ends, and
/// ``finish()`` gives the usage chunk (empty `choices`, the last `usageMetadata` seen, as OpenAI sends with
/// `stream_options.include_usage`), or says the stream ended too early. Usage is read at the end because each event
/// repeats the counts so far, and an event after the finish reason may still update them.
/// A value type fed one event at a time; it does no I/O.
public struct GeminiStreamDecoder: Sendable {
    let writer: ChatChunkWriter
    let deploymentName: String
    private var started = false
    /// Tool calls streamed so far, per candidate index (the next call's OpenAI index).
    private var toolCounts: [Int: Int] = [:]
    /// Whether a finish reason (or a prompt block) arrived: the stream's answer is complete.
    public private(set) var finished = false
    /// The latest `usageMetadata` (each event's counts are the stream's so far).
    private var usage: JSON?

    /// - Parameters:
    ///   - model: the model name each chunk reports.
    ///   - id: the chunk id.
    ///   - deploymentName: names the deployment in errors.
    public init(model: String, id: String, deploymentName: String) {
        self.writer = ChatChunkWriter(id: id, model: model)
        self.deploymentName = deploymentName
    }

    /// The chunks of one event.
    /// - Throws: 502 for data that is not JSON; the mapped error for an `error` object in the stream (``GeminiErrors``).
    public mutating func decode(_ event: ServerSentEvent) throws -> [JSON] {
        if event.data.isEmpty { return [] }
        let data: JSON
        do {
            data = try JSONParser.parse(event.data)
        } catch {
            throw GatewayError.badGateway("Upstream '\(deploymentName)' sent a stream event that is not JSON.", code: "upstream_invalid_response")
        }
        if let error = data["error"], !error.isNull { throw GeminiErrors.streamError(error, deploymentName: deploymentName) }
        if let counts = data["usageMetadata"], !counts.isNull { usage = counts }
        var chunks: [JSON] = []
        if !started {
            started = true
            chunks.append(chunk(delta: ["role": "assistant", "content": ""]))
        }
        for (offset, candidate) in (data["candidates"]?.arrayValue ?? []).enumerated() {
            let index = candidate["index"]?.intValue ?? offset
            let content = GeminiResponseTranslator.CandidateContent(candidate, firstToolIndex: toolCounts[index] ?? 0)
            toolCounts[index, default: 0] += content.toolCalls.count
            if !content.thoughts.isEmpty { chunks.append(chunk(delta: ["reasoning_content": .string(content.thoughts.joined())], index: index)) }
            if !content.texts.isEmpty { chunks.append(chunk(delta: ["content": .string(content.texts.joined())], index: index)) }
            if !content.toolCalls.isEmpty { chunks.append(chunk(delta: ["tool_calls": .array(content.toolCalls)], index: index)) }
            let callsTools = (toolCounts[index] ?? 0) > 0
            if let reason = GeminiResponseTranslator.finishReason(candidate["finishReason"]?.stringValue, callsTools: callsTools) {
                chunks.append(chunk(delta: [:], index: index, finishReason: reason))
                finished = true
            }
        }
        if data["promptFeedback"]?["blockReason"] != nil, data["candidates"]?.arrayValue?.isEmpty ?? true {
            chunks.append(chunk(delta: [:], finishReason: "content_filter"))
            finished = true
        }
        return chunks
    }

    /// Called when the body ends.
    /// - Returns: the usage chunk, when Gemini reported usage (none: the gateway estimates it).
    /// - Throws: 502 `upstream_stream_cut` when no finish reason arrived: Gemini closed the stream mid-answer.
    public func finish() throws -> [JSON] {
        guard finished else {
            throw GatewayError.badGateway("Upstream '\(deploymentName)' ended the stream before it was complete.", code: "upstream_stream_cut")
        }
        guard let counts = Usage(gemini: usage) else { return [] }
        return [writer.usageChunk(counts)]
    }

    private func chunk(delta: JSON, index: Int = 0, finishReason: JSON = .null) -> JSON {
        writer.chunk(delta, index: index, finishReason: finishReason)
    }
}
