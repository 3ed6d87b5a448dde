import Foundation
import GatewayCore
import GatewayTesting
import GeminiDialect
import HTTPTypes
import Testing

@testable import VertexProvider

/// Gemini on Vertex AI over real HTTP: `generateContent` / `streamGenerateContent?alt=sse` under
/// `publishers/google`, with the token from the Google OAuth stand-in; translated from OpenAI chat, or as sent in
/// Gemini's own dialect.
struct VertexGeminiTests {
    static let gemini = "gemini-2.5-flash"

    @Test func openAIChatIsTranslatedToGenerateContent() async throws {
        try await VertexStandIns.withRunning { standIns in
            let provider = VertexStandIns.provider()
            let deployment = standIns.deployment(model: Self.gemini)
            #expect(provider.nativeDialects(for: deployment) == [.geminiGenerateContent])
            let answer = try await provider.send(VertexStandIns.chat(deployment, text: "Hello Gemini"))
            let json = try #require(answer.completeView)
            #expect(json["choices"]?[0]?["message"]?["content"] == "gemini says: Hello Gemini")
            #expect(json["usage"]?["prompt_tokens"] == 11)
            let call = try #require(standIns.vertex.calls.first)
            #expect(call.publisher == "google" && call.model == Self.gemini && call.method == "generateContent")
            #expect(call.body["contents"] == [["role": "user", "parts": [["text": "Hello Gemini"]]]])
            #expect(call.headers["authorization"] == "Bearer \(standIns.oauth.issued[0])")
            #expect(call.headers["x-goog-api-key"] == nil)
        }
    }

    @Test func streamsOverServerSentEvents() async throws {
        try await VertexStandIns.withRunning { standIns in
            let deployment = standIns.deployment(model: Self.gemini)
            let answer = try await VertexStandIns.provider().send(VertexStandIns.chat(deployment, stream: true, text: "Stream"))
            #expect(try await VertexStandIns.streamedText(answer).contains("gemini says: Stream"))
            let call = try #require(standIns.vertex.calls.first)
            #expect(call.method == "streamGenerateContent")
        }
    }

    @Test func geminiDialectGoesAsSentAndComesBackAsGeminiWroteIt() async throws {
        try await VertexStandIns.withRunning { standIns in
            let deployment = standIns.deployment(model: Self.gemini)
            let sent: JSON = [
                "model": .string(Self.gemini), "contents": [["role": "user", "parts": [["text": "Native hello"]]]],
                "safetySettings": [["category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_ONLY_HIGH"]],
            ]
            var call = VertexStandIns.chat(deployment)
            call.native = NativeBody(dialect: .geminiGenerateContent, json: sent)
            let answer = try await VertexStandIns.provider().send(call)
            guard case .native(let native) = answer else {
                Issue.record("expected Gemini's own answer, got \(answer)")
                return
            }
            #expect(native.dialect == .geminiGenerateContent)
            let parts = native.body["candidates"]?[0]?["content"]?["parts"]?.arrayValue ?? []
            #expect(parts.compactMap { $0["text"]?.stringValue }.joined() == "gemini says: Native hello")
            var expected = sent
            expected["model"] = nil
            #expect(standIns.vertex.calls.first?.body == expected, "the body as sent, less the gateway's model")
        }
    }

    @Test func countTokensGoesToVertexCountTokens() async throws {
        try await VertexStandIns.withRunning { standIns in
            let deployment = standIns.deployment(model: Self.gemini)
            let body: JSON = ["model": .string(Self.gemini), "contents": [["role": "user", "parts": [["text": "Count these words"]]]]]
            let counted = try await VertexStandIns.provider().countTokens(
                NativeBody(dialect: .geminiGenerateContent, json: body), deployment: deployment)
            #expect(counted["totalTokens"]?.intValue ?? 0 > 0)
            #expect(standIns.vertex.calls.first?.method == "countTokens")
            // Anthropic's count format is not Gemini's.
            await #expect {
                try await VertexStandIns.provider().countTokens(NativeBody(dialect: .anthropicMessages, json: body), deployment: deployment)
            } throws: {
                ($0 as? GatewayError)?.status.code == 400
            }
        }
    }
}
