import Foundation
import GatewayCore
import GatewayTesting
import Hummingbird
import NIOCore
import Synchronization

/// An OpenAI-compatible upstream that answers with bytes no serializer would write (odd spacing, its own key order,
/// fields no client knows), and keeps every request body as received: what a pass-through must relay unchanged.
final class PassThroughUpstream: Sendable {
    private let received = Mutex<[String]>([])

    /// The raw bodies received, oldest first.
    var bodies: [String] { received.withLock { $0 } }

    /// The whole answer, as its bytes.
    static let answer = """
        {"zeta_field" : {"nested": [1, 2.50, "x"]},   "id":"chatcmpl-pass-1","object":"chat.completion","created":1700000000,
         "model":"gpt-pass","choices":[{"index":0,"message":{"role":"assistant","content":"as sent","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0}},"system_fingerprint":"fp_x"}
        """

    /// The `data:` payloads of the streamed answer, as their bytes.
    static let chunks = [
        #"{"id":"chatcmpl-pass-2","object":"chat.completion.chunk","created":1700000000,"model":"gpt-pass","system_fingerprint":"fp_x","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"obfuscation":"abc"}"#,
        #"{"id":"chatcmpl-pass-2","object":"chat.completion.chunk","created":1700000000,"model":"gpt-pass","choices":[{"index":0,"delta":{"content":"as "},"logprobs":null,"finish_reason":null}], "zeta": 1.50}"#,
        #"{"id":"chatcmpl-pass-2","object":"chat.completion.chunk","created":1700000000,"model":"gpt-pass","choices":[{"index":0,"delta":{"content":"sent"},"logprobs":null,"finish_reason":"stop"}]}"#,
        #"{"id":"chatcmpl-pass-2","object":"chat.completion.chunk","created":1700000000,"model":"gpt-pass","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}"#,
    ]

    static func withRunning<T: Sendable>(_ body: (TestEndpoint, PassThroughUpstream) async throws -> T) async throws -> T {
        let upstream = PassThroughUpstream()
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in
            let raw = String(buffer: try await request.body.collect(upTo: 1 << 24))
            upstream.received.withLock { $0.append(raw) }
            let streamed = (try? JSONParser.parse(raw))?["stream"]?.boolValue == true
            guard streamed else {
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer)))
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    for chunk in chunks { try await writer.write(ByteBuffer(string: "data: \(chunk)\n\n")) }
                    try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                    try await writer.finish(nil)
                })
        }
        return try await RunningServer.serve(router, label: "pass-through-upstream") { port in
            try await body(TestEndpoint(port: port), upstream)
        }
    }
}
