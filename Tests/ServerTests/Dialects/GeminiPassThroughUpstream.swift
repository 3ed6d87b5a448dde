import Foundation
import GatewayCore
import GatewayTesting
import Hummingbird
import NIOCore
import Synchronization

/// A Gemini upstream (`/v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`) that answers with
/// bytes no serializer would write (odd spacing, its own key order, fields no client knows), and keeps every request
/// as received: what a pass-through must relay unchanged.
final class GeminiPassThroughUpstream: Sendable {
    private let received = Mutex<[(path: String, body: String)]>([])

    /// The paths and raw bodies received, oldest first.
    var requests: [(path: String, body: String)] { received.withLock { $0 } }

    /// The whole answer, as its bytes.
    static let answer = """
        {"candidates": [{"content": {"parts": [{"text": "as sent"}],"role": "model"},"finishReason": "STOP",  "avgLogprobs": -0.50,
          "zetaField": {"nested": [1, 2.50]}, "index": 0}],
         "usageMetadata": {"promptTokenCount": 9,"candidatesTokenCount": 2,"totalTokenCount": 11,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 9}]},
         "modelVersion": "gemini-2.5-flash","responseId": "pass-1"}
        """

    /// The `data:` payloads of the streamed answer, as their bytes.
    static let events = [
        #"{"candidates": [{"content": {"parts": [{"text": "as "}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 9,"totalTokenCount": 9},"modelVersion": "gemini-2.5-flash","responseId": "pass-2"}"#,
        #"{"candidates": [{"content": {"parts": [{"text": "sent"}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 9,"candidatesTokenCount": 2,"totalTokenCount": 11},"modelVersion": "gemini-2.5-flash","responseId": "pass-2", "zeta": 1.50}"#,
    ]

    static func withRunning<T: Sendable>(_ body: (TestEndpoint, GeminiPassThroughUpstream) async throws -> T) async throws -> T {
        let upstream = GeminiPassThroughUpstream()
        let router = Router()
        router.post("/v1beta/models/{call}") { request, _ in
            let raw = String(buffer: try await request.body.collect(upTo: 1 << 24))
            upstream.received.withLock { $0.append((request.uri.path, raw)) }
            guard request.uri.path.hasSuffix(":streamGenerateContent") else {
                return Response(
                    status: .ok, headers: [.contentType: "application/json; charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(string: answer)))
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    for event in events { try await writer.write(ByteBuffer(string: "data: \(event)\r\n\r\n")) }
                    try await writer.finish(nil)
                })
        }
        return try await RunningServer.serve(router, label: "gemini-pass-through-upstream") { port in
            try await body(TestEndpoint(port: port), upstream)
        }
    }
}
