import AsyncHTTPClient
import GatewayCore
import GeminiDialect

/// A Gemini SSE stream as view chunks, with the events they came from when the client speaks Gemini's dialect.
extension GeminiProvider {
    /// Each event's chunks (``GeminiStreamDecoder``); when `relayingEvents`, the first chunk of an event carries the
    /// event (``StreamChunk/native``), and an event that gives no chunk goes in one with an empty view. When the body
    /// ends, the usage chunk; a body ending before a finish reason is 502 `upstream_stream_cut`.
    static func chunks(from response: HTTPClientResponse, deployment: Deployment, id: String, relayingEvents: Bool) -> ChunkStream {
        ChunkStream {
            let events = UpstreamEventStream(response, deployment: deployment)
            let state = StreamState(GeminiStreamDecoder(model: deployment.upstreamModel, id: id, deploymentName: deployment.modelName))
            return {
                while true {
                    if let chunk = state.ready.popFirst() { return chunk }
                    if state.ended { return nil }
                    guard let event = try await events.next() else {
                        state.ended = true
                        let tail = try state.decoder.finish()
                        state.ready += tail.map { StreamChunk(json: $0, native: relayingEvents ? Self.structural($0) : nil) }
                        continue
                    }
                    let views = try state.decoder.decode(event)
                    guard relayingEvents else {
                        state.ready += views.map { StreamChunk(json: $0) }
                        continue
                    }
                    let first: JSON = views.first ?? ["choices": []]
                    state.ready.append(StreamChunk(json: first, native: NativeEvents(dialect: .geminiGenerateContent, events: [event], view: first)))
                    state.ready += views.dropFirst().map { StreamChunk(json: $0, native: Self.structural($0)) }
                }
            }
        }
    }

    /// No Gemini event for a view chunk that an earlier event's chunk already relayed (or the usage read at the end).
    private static func structural(_ view: JSON) -> NativeEvents {
        NativeEvents(dialect: .geminiGenerateContent, events: [], view: view)
    }

    /// The decoder and the chunks decoded and not yet handed out; consumed by one task at a time.
    private final class StreamState: @unchecked Sendable {
        var decoder: GeminiStreamDecoder
        var ready: ArraySlice<StreamChunk> = []
        /// Whether the body has ended (the last chunks may still be in ``ready``).
        var ended = false

        init(_ decoder: GeminiStreamDecoder) { self.decoder = decoder }
    }
}
