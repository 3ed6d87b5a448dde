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
                func send(_ events: [ServerSentEvent]) async throws {
                    for event in events { try await writer.write(ByteBuffer(string: event.encoded)) }
                }
                do {
                    for try await chunk in chunks {
                        if first {
                            first = false
                            if chunk.native?.dialect == .openAIResponses { relay = ResponsesNativeRelay(exchange: exchange) }
                        }
                        if var native = relay {
                            try await send(await native.events(of: chunk))
                            relay = native
                        } else {
                            try await send(encoder.start())
                            try await send(encoder.encode(chunk.json))
                        }
                    }
                    if relay == nil {
                        try await send(encoder.start())
                        if let (events, response) = encoder.finish() {
                            try await send(events)
                            let kept = await exchange.keep(response)
                            try await send([encoder.terminal(kept)])
                        }
                    }
                } catch let error as GatewayError {
                    if var native = relay { try await send(native.fail(error)) } else { try await send(encoder.fail(error)) }
                }
                try await writer.finish(nil)
            })
    }
}
