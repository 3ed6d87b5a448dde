import AnthropicMessagesDialect
import GatewayCore
import Hummingbird
import NIOCore

/// Turns pipeline answers into HTTP responses: JSON, or server-sent events written chunk by chunk as they arrive.
enum ResponseRendering {
    static let eventStreamHeaders: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]

    static func json(_ json: JSON, status: HTTPResponse.Status = .ok) -> Response {
        Self.json(bytes: json.serialized(), status: status)
    }

    /// A JSON body already serialized (an upstream's answer relayed as it came).
    static func json(bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: bytes))
    }

    /// OpenAI's stream: `data: <chunk>` per chunk, then `data: [DONE]`. A failure after the first byte can no
    /// longer change the status, so it is sent as a final `data: {"error": ...}` event, which the OpenAI SDKs raise.
    static func openAIStream(_ chunks: ChunkStream) -> Response {
        Response(
            status: .ok, headers: eventStreamHeaders,
            body: ResponseBody { writer in
                var batch = StreamBatch()
                do {
                    for try await chunk in chunks {
                        batch.append("data: \(chunk.data)\n\n")
                        try await batch.send(after: chunk, to: &writer)
                    }
                    batch.append("data: [DONE]\n\n")
                } catch let error as GatewayError {
                    batch.append("data: \(error.json.serializedString())\n\n")
                }
                try await batch.flush(to: &writer)
                try await writer.finish(nil)
            })
    }

    /// Anthropic's stream: named events from the encoder; a failure becomes an `error` event.
    static func anthropicStream(_ chunks: ChunkStream, model: String) -> Response {
        Response(
            status: .ok, headers: eventStreamHeaders,
            body: ResponseBody { writer in
                var encoder = AnthropicStreamEncoder(model: model)
                // From an Anthropic deployment every chunk that came from events carries them: they go out as the
                // upstream sent them (with a hook's text changes carried over). Otherwise the chunks are encoded.
                var relaying: Bool?
                var batch = StreamBatch()
                do {
                    for try await chunk in chunks {
                        let native = chunk.native?.dialect == .anthropicMessages ? chunk.native : nil
                        if relaying == nil { relaying = native != nil }
                        let events = relaying == true ? native?.carryingOver(chunk.json) ?? [] : encoder.encode(chunk.json)
                        for event in events { batch.append(event.encoded) }
                        try await batch.send(after: chunk, to: &writer)
                    }
                    if relaying != true {
                        for event in encoder.finish() { batch.append(event.encoded) }
                    }
                } catch let error as GatewayError {
                    let payload: JSON = ["type": "error", "error": ["type": .string(error.type), "message": .string(error.message)]]
                    batch.append(ServerSentEvent(event: "error", data: payload.serializedString()).encoded)
                }
                try await batch.flush(to: &writer)
                try await writer.finish(nil)
            })
    }
}
