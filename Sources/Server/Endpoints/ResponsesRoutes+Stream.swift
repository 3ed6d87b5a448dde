import GatewayCore
import Hummingbird
import NIOCore
import OpenAIResponsesDialect

extension ResponsesRoutes {
    static let eventStreamHeaders: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]

    /// The Responses event stream of a chat chunk stream (``ResponsesStreamEncoder``), written as the chunks arrive.
    ///
    /// `response.created` and `response.in_progress` go out before the first chunk. After the last one the response
    /// is stored (when asked), then `response.completed` carries it. A failure after the first byte can no longer
    /// change the status: it becomes an `error` event and `response.failed`.
    static func stream(_ chunks: ChunkStream, skeleton: JSON, exchange: ResponsesExchange) -> Response {
        Response(
            status: .ok, headers: eventStreamHeaders,
            body: ResponseBody { writer in
                var encoder = ResponsesStreamEncoder(skeleton: skeleton)
                func send(_ events: [ServerSentEvent]) async throws {
                    for event in events { try await writer.write(ByteBuffer(string: event.encoded)) }
                }
                do {
                    try await send(encoder.start())
                    for try await chunk in chunks { try await send(encoder.encode(chunk.json)) }
                    if let (events, response) = encoder.finish() {
                        try await send(events)
                        let kept = await exchange.keep(response)
                        try await send([encoder.terminal(kept)])
                    }
                } catch let error as GatewayError {
                    try await send(encoder.fail(error))
                }
                try await writer.finish(nil)
            })
    }
}
