import Foundation
import GatewayCore
import GatewayTesting
import Hummingbird
import NIOCore
import Synchronization

/// A stand-in for Anthropic's Messages API with extended thinking, strict as the real one (GatewayTesting's
/// ``AnthropicThinkingAnswers``: a turn whose signed thinking did not come back intact is refused with a 400), on
/// `/v1/messages`, plus `/v1/messages/count_tokens`. Every received body and its headers are kept for the test to check.
final class ThinkingUpstream: Sendable {
    private let answers = AnthropicThinkingAnswers()
    private let received = Mutex<[(body: JSON, headers: [String: String])]>([])

    /// The bodies received on `/v1/messages`, oldest first, with their `anthropic-*` headers.
    var calls: [(body: JSON, headers: [String: String])] { received.withLock { $0 } }

    /// Runs the upstream for the duration of `body`.
    static func withRunning<T: Sendable>(_ body: (TestEndpoint, ThinkingUpstream) async throws -> T) async throws -> T {
        let upstream = ThinkingUpstream()
        let router = Router()
        router.post("/v1/messages") { request, _ in
            let call = try await JSON(parsing: request.body.collect(upTo: 1 << 24))
            var headers: [String: String] = [:]
            for field in request.headers where field.name.canonicalName.hasPrefix("anthropic-") || field.name.canonicalName == "x-api-key" {
                headers[field.name.canonicalName] = field.value
            }
            upstream.received.withLock { $0.append((call, headers)) }
            return upstream.answers.answer(call)
        }
        router.post("/v1/messages/count_tokens") { request, _ in
            let call = try await JSON(parsing: request.body.collect(upTo: 1 << 24))
            guard call["model"] != nil, call["messages"] != nil else {
                return AnthropicThinkingAnswers.error("count_tokens needs model and messages")
            }
            return AnthropicThinkingAnswers.json(["input_tokens": .int(call["messages"]?.serializedString().count ?? 0)])
        }
        return try await RunningServer.serve(router, label: "thinking-upstream") { port in
            try await body(TestEndpoint(port: port), upstream)
        }
    }

    /// The signature issued for `thinking` (issued on first use).
    func signature(of thinking: String) -> String { answers.signature(of: thinking) }

    /// Whether `signature` is the one issued for `thinking`.
    func verifies(_ thinking: String, _ signature: String?) -> Bool { answers.verifies(thinking, signature) }
}
