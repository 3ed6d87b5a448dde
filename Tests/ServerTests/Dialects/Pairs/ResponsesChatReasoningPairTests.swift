import GatewayCore
import GatewayTesting
import Hummingbird
import NIOCore
import Synchronization
import Testing

/// `/v1/responses` with `reasoning` to an OpenAI-compatible chat deployment (`hosted_vllm/`) whose model reasons, as
/// vLLM and DeepSeek answer it (`reasoning_content` beside the content, whole or in deltas): the effort reaches the
/// upstream as `reasoning_effort`, the reasoning comes back as a reasoning item with a summary, plain and streamed.
struct ResponsesChatReasoningPairTests {
    static let reasoning = "The user greets; answer briefly."

    /// A chat upstream that reasons, keeping each request body.
    final class ReasoningUpstream: Sendable {
        let bodies = Mutex<[JSON]>([])

        func withRunning(_ body: (TestEndpoint) async throws -> Void) async throws {
            let router = Router()
            router.post("/v1/chat/completions") { request, _ in
                let json = try await JSON(parsing: request.body.collect(upTo: 1 << 20))
                self.bodies.withLock { $0.append(json) }
                return json["stream"]?.boolValue == true ? Self.streamed() : Self.whole()
            }
            try await RunningServer.serve(router, label: "reasoning-upstream") { port in try await body(TestEndpoint(port: port)) }
        }

        static let usage: JSON = [
            "prompt_tokens": 9, "completion_tokens": 20, "total_tokens": 29, "completion_tokens_details": ["reasoning_tokens": 12],
        ]

        static func whole() -> Response {
            let answer: JSON = [
                "id": "chatcmpl-r1", "object": "chat.completion", "created": 1_700_000_000, "model": "r1",
                "choices": [
                    [
                        "index": 0, "finish_reason": "stop",
                        "message": [
                            "role": "assistant", "content": "Hello!", "reasoning_content": .string(ResponsesChatReasoningPairTests.reasoning),
                        ],
                    ]
                ],
                "usage": usage,
            ]
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer.serializedString())))
        }

        static func streamed() -> Response {
            func chunk(_ delta: JSON, finish: JSON = nil, usage: JSON? = nil) -> String {
                var chunk: JSON = [
                    "id": "chatcmpl-r2", "object": "chat.completion.chunk", "created": 1_700_000_000, "model": "r1",
                    "choices": usage == nil ? [["index": 0, "delta": delta, "finish_reason": finish]] : [],
                ]
                if let usage { chunk["usage"] = usage }
                return "data: \(chunk.serializedString())\n\n"
            }
            let halves = ResponsesChatReasoningPairTests.reasoning.split(separator: ";")
            let events = [
                chunk(["role": "assistant", "reasoning_content": .string(halves[0] + ";")]), chunk(["reasoning_content": .string(String(halves[1]))]),
                chunk(["content": "Hello!"]), chunk([:], finish: "stop"), chunk([:], usage: usage), "data: [DONE]\n\n",
            ]
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    for event in events { try await writer.write(ByteBuffer(string: event)) }
                    try await writer.finish(nil)
                })
        }
    }

    @Test("Responses → chat: reasoning.effort reaches the upstream; its reasoning_content is a reasoning summary, plain and streamed")
    func reasoningSummaryFromChat() async throws {
        let upstream = ReasoningUpstream()
        try await upstream.withRunning { endpoint in
            let config = """
                model_list:
                  - model_name: r1
                    litellm_params:
                      model: hosted_vllm/r1
                      api_base: \(endpoint.baseURL)/v1
                    model_info:
                      input_cost_per_token: 0.001
                      output_cost_per_token: 0.002
                general_settings:
                  master_key: \(GatewayFixture.masterKey)
                """
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                for stream in [false, true] {
                    let body: JSON = ["model": "r1", "input": "hi", "reasoning": ["effort": "high", "summary": "auto"], "stream": .bool(stream)]
                    let reply = try await gateway.post("/v1/responses", json: body, key: GatewayFixture.masterKey)
                    #expect(reply.status == 200, "\(reply.body)")
                    #expect(upstream.bodies.withLock { $0.last?["reasoning_effort"] } == "high")
                    let events = TranslationPairFixture.events(reply)
                    let response = try #require(stream ? events.last?.data["response"] : reply.json, "\(reply.body)")
                    let output = try #require(response["output"]?.arrayValue)
                    #expect(output.map { $0["type"]?.stringValue ?? "" } == ["reasoning", "message"], "\(output)")
                    #expect(output[0]["summary"]?[0]?["text"] == .string(Self.reasoning), "\(output[0])")
                    #expect(output[1]["content"]?[0]?["text"] == "Hello!")
                    #expect(response["usage"]?["output_tokens_details"]?["reasoning_tokens"] == 12, "\(response)")
                    guard stream else { continue }
                    let deltas = events.filter { $0.name == "response.reasoning_summary_text.delta" }.compactMap { $0.data["delta"]?.stringValue }
                    #expect(deltas.joined() == Self.reasoning, "\(events.map(\.name))")
                }
            }
        }
    }
}
