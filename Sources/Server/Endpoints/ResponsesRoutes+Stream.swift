import GatewayCore
import Hummingbird
import NIOCore
import OpenAIResponsesDialect

extension ResponsesRoutes {
    static let eventStreamHeaders: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]

    /// The Responses event stream of a chunk stream, written as the chunks arrive.
    ///
    /// Chunks that carry a Responses upstream's own events (a deployment that speaks the API natively) are relayed
    /// as they came (``ResponsesNativeRelay``). Otherwise they are chat chunks, translated (``ResponsesStreamEncoder``):
    /// `response.created` and `response.in_progress` go out first; after the last chunk the response is stored (when
    /// asked), then `response.completed` carries it. A failure after the first byte can no longer change the status:
    /// it becomes an `error` event (and `response.failed` when translated).
    static func stream(_ chunks: ChunkStream, skeleton: JSON, exchange: ResponsesExchange) -> Response {
        Response(
            status: .ok, headers: eventStreamHeaders,
            body: ResponseBody { writer in
                var encoder = ResponsesStreamEncoder(skeleton: skeleton)
                var relay: ResponsesNativeRelay?
                var first = true
                var batch = StreamBatch()
                func add(_ events: [ServerSentEvent]) {
                    for event in events { batch.append(event.encoded) }
                }
                do {
                    for try await chunk in chunks {
                        if first {
                            first = false
                            if chunk.native?.dialect == .openAIResponses { relay = ResponsesNativeRelay(exchange: exchange) }
                        }
                        if var native = relay {
                            add(await native.events(of: chunk))
                            relay = native
                        } else {
                            add(encoder.start())
                            add(encoder.encode(chunk.json))
                        }
                        try await batch.send(after: chunk, to: &writer)
                    }
                    if relay == nil {
                        add(encoder.start())
                        if let (events, response) = encoder.finish() {
                            add(events)
                            try await batch.flush(to: &writer)
                            let kept = await exchange.keep(response)
                            add([encoder.terminal(kept)])
                        }
                    }
                } catch let error as GatewayError {
                    if var native = relay { add(native.fail(error)) } else { add(encoder.fail(error)) }
                }
                try await batch.flush(to: &writer)
                try await writer.finish(nil)
            })
    }
}
