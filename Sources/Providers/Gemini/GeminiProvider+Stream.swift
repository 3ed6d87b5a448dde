import AsyncHTTPClient
import GatewayCore
import GeminiDialect

/// A Gemini SSE stream as view chunks, with the events they came from when the client speaks Gemini's dialect.
extension GeminiProvider {
    /// Each event's chunks (``GeminiStreamDecoder``); when `relayingEvents`, the first chunk of an event carries the
    /// event (``StreamChunk/native``), and an event that gives no chunk goes in one with an empty view. The body
    /// ending before a finish reason is 502 `upstream_stream_cut`.
    static func chunks(from response: HTTPClientResponse, deployment: Deployment, id: String, relayingEvents: Bool) -> ChunkStream {
        ChunkStream {
            let events = UpstreamEventStream(response, deployment: deployment)
            let state = StreamState(GeminiStreamDecoder(model: deployment.upstreamModel, id: id, deploymentName: deployment.modelName))
            return {
                while true {
                    if let chunk = state.ready.popFirst() { return chunk }
                    guard let event = try await events.next() else {
                        try state.decoder.finish()
                        return nil
                    }
                    let views = try state.decoder.decode(event)
                    guard relayingEvents else {
                        state.ready += views.map { StreamChunk(json: $0) }
                        continue
                    }
                    let first: JSON = views.first ?? ["choices": []]
                    state.ready.append(StreamChunk(json: first, native: NativeEvents(dialect: .geminiGenerateContent, events: [event], view: first)))
                    state.ready += views.dropFirst().map {
                        StreamChunk(json: $0, native: NativeEvents(dialect: .geminiGenerateContent, events: [], view: $0))
                    }
                }
            }
        }
    }

    /// The decoder and the chunks decoded and not yet handed out; consumed by one task at a time.
    private final class StreamState: @unchecked Sendable {
        var decoder: GeminiStreamDecoder
        var ready: ArraySlice<StreamChunk> = []

        init(_ decoder: GeminiStreamDecoder) { self.decoder = decoder }
    }
}
