import GatewayCore
import GeminiDialect
import Hummingbird
import NIOCore

extension ResponseRendering {
    /// Gemini's stream: a `GenerateContentResponse` per event, as `data:` server-sent events (`alt=sse`, what
    /// `google-genai` asks for) or as the elements of one JSON array written as they come (Google's default).
    ///
    /// From a deployment that speaks Gemini every chunk carries the upstream's events: they go out as it sent them
    /// (with a hook's text changes carried over). Otherwise the chunks are encoded (``GeminiStreamEncoder``). A
    /// failure after the first byte is written as a last `{"error": {...}}` in Google's shape, which `google-genai`
    /// raises as `APIError`.
    static func geminiStream(_ chunks: ChunkStream, model: String, includeThoughts: Bool, sse: Bool) -> Response {
        let headers: HTTPFields = sse ? eventStreamHeaders : [.contentType: "application/json"]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var encoder = GeminiStreamEncoder(model: model, includeThoughts: includeThoughts)
                var written = 0
                var batch = StreamBatch()
                func add(_ payload: String) {
                    batch.append(sse ? "data: \(payload)\r\n\r\n" : (written == 0 ? "[" : ",\r\n") + payload)
                    written += 1
                }
                var relaying: Bool?
                do {
                    for try await chunk in chunks {
                        let native = chunk.native?.dialect == .geminiGenerateContent ? chunk.native : nil
                        if relaying == nil { relaying = native != nil }
                        if relaying == true {
                            for event in native?.carryingOver(chunk.json) ?? [] { add(event.data) }
                        } else {
                            for response in encoder.encode(chunk.json) { add(response.serializedString()) }
                        }
                        try await batch.send(after: chunk, to: &writer)
                    }
                    if relaying != true {
                        for response in encoder.finish() { add(response.serializedString()) }
                    }
                } catch let error as GatewayError {
                    add(error.googleJSON.serializedString())
                }
                if !sse { batch.append(written == 0 ? "[]" : "]") }
                try await batch.flush(to: &writer)
                try await writer.finish(nil)
            })
    }
}
