import Foundation
import GatewayCore
import GatewayTesting
import HTTPTypes
import Testing
import _CryptoExtras

@testable import VertexProvider

/// Claude on Vertex AI over real HTTP: the token obtained from the Google OAuth stand-in with a signed JWT, and the
/// `rawPredict` / `streamRawPredict` calls the Vertex stand-in checks (bearer token issued by the token endpoint,
/// project, location, publisher, model, method, body).
struct VertexProviderTests {
    @Test func openAIChatGoesToRawPredictWithTheExchangedToken() async throws {
        try await VertexStandIns.withRunning { standIns in
            let provider = VertexStandIns.provider()
            let answer = try await provider.send(VertexStandIns.chat(standIns.deployment()))
            let json = try #require(answer.completeView)
            #expect(json["choices"]?[0]?["message"]?["content"] == "upstream says: Hi")
            #expect(json["usage"]?["prompt_tokens"] == 11)
            let call = try #require(standIns.vertex.calls.first)
            #expect(call.project == VertexStandIns.project && call.location == "us-central1")
            #expect(call.publisher == "anthropic" && call.model == VertexStandIns.claude && call.method == "rawPredict")
            #expect(call.body["anthropic_version"] == "vertex-2023-10-16")
            #expect(call.body["model"] == nil)
            #expect(call.body["messages"] == [["role": "user", "content": "Hi"]])
            let token = try #require(standIns.oauth.issued.first)
            #expect(call.headers["authorization"] == "Bearer \(token)")
            #expect(standIns.oauth.received == ["token"])
            // The exchanged token and the private key are scrubbed from whatever the upstream says.
            let secrets = provider.secrets(of: standIns.deployment())
            #expect(secrets.contains(token))
            #expect(secrets.contains(standIns.account.privateKey.pkcs8PEMRepresentation))
        }
    }

    @Test func openAIChatStreamsThroughStreamRawPredict() async throws {
        try await VertexStandIns.withRunning { standIns in
            let answer = try await VertexStandIns.provider().send(VertexStandIns.chat(standIns.deployment(), stream: true, text: "Stream me"))
            #expect(try await VertexStandIns.streamedText(answer) == "upstream says: Stream me ")
            let call = try #require(standIns.vertex.calls.first)
            #expect(call.method == "streamRawPredict")
            #expect(call.body["stream"] == true)
        }
    }

    @Test func messagesGoAsSentAndComeBackAsClaudeWroteThem() async throws {
        try await VertexStandIns.withRunning { standIns in
            let sent: JSON = [
                "model": .string(VertexStandIns.claude), "max_tokens": 50, "x_unknown_field": ["kept": true],
                "system": [["type": "text", "text": "Be brief.", "cache_control": ["type": "ephemeral"]]],
                "messages": [["role": "user", "content": [["type": "text", "text": "Hello", "cache_control": ["type": "ephemeral"]]]]],
            ]
            var call = VertexStandIns.chat(standIns.deployment())
            call.native = NativeBody(dialect: .anthropicMessages, json: sent, headers: [("anthropic-beta", "context-1m-2025-08-07")])
            let answer = try await VertexStandIns.provider().send(call)
            guard case .native(let native) = answer else {
                Issue.record("expected Claude's own answer, got \(answer)")
                return
            }
            #expect(native.dialect == .anthropicMessages)
            #expect(native.body["content"]?[0]?["text"] == "upstream says: Hello")
            #expect(native.view["choices"]?[0]?["message"]?["content"] == "upstream says: Hello")
            #expect(native.bytes != nil, "the bytes as Vertex sent them")
            let received = try #require(standIns.vertex.calls.first)
            var expected = sent
            expected["model"] = nil
            expected["anthropic_version"] = "vertex-2023-10-16"
            #expect(received.body == expected, "the body as the client sent it, less model, plus Vertex's version")
            #expect(received.headers["anthropic-beta"] == "context-1m-2025-08-07")
        }
    }

    @Test func aClientsAnthropicVersionIsKept() {
        let body = VertexProvider.rawPredictBody(["model": "m", "anthropic_version": "vertex-2099-01-01", "messages": []])
        #expect(body == ["anthropic_version": "vertex-2099-01-01", "messages": []])
    }

    @Test func countTokensGoesToCountTokensRawPredict() async throws {
        try await VertexStandIns.withRunning { standIns in
            let deployment = standIns.deployment()
            let body: JSON = ["model": .string(VertexStandIns.claude), "messages": [["role": "user", "content": "Count me"]]]
            let counted = try await VertexStandIns.provider().countTokens(NativeBody(dialect: .anthropicMessages, json: body), deployment: deployment)
            #expect(counted["input_tokens"]?.intValue ?? 0 > 0)
            let call = try #require(standIns.vertex.calls.first)
            #expect(call.model == "count-tokens" && call.method == "rawPredict")
            #expect(call.body["model"] == .string(VertexStandIns.claude))
        }
    }

    @Test func upstreamFailuresMapAsForAnyProvider() async throws {
        try await VertexStandIns.withRunning { standIns in
            let provider = VertexStandIns.provider()
            await #expect {
                try await provider.send(VertexStandIns.chat(standIns.deployment(model: "claude-status-429")))
            } throws: {
                ($0 as? GatewayError)?.status.code == 429
            }
            let cut = try await provider.send(VertexStandIns.chat(standIns.deployment(model: "claude-cut-stream"), stream: true))
            await #expect {
                _ = try await VertexStandIns.streamedText(cut)
            } throws: {
                ($0 as? GatewayError)?.code == "upstream_truncated"
            }
            // One token served every call.
            #expect(standIns.oauth.received == ["token"])
        }
    }

    @Test func aProjectVertexDoesNotKnowIsA404NamingIt() async throws {
        try await VertexStandIns.withRunning { standIns in
            do {
                _ = try await VertexStandIns.provider().send(VertexStandIns.chat(standIns.deployment(["vertex_project": "no-such-project"])))
                Issue.record("expected a 404")
            } catch let error as GatewayError {
                #expect(error.status.code == 404)
                #expect(error.message.contains("projects/no-such-project/locations/us-central1/publishers/anthropic"))
            }
        }
    }

    @Test func operationsClaudeDoesNotServeAreRefused() async throws {
        try await VertexStandIns.withRunning { standIns in
            var call = VertexStandIns.chat(standIns.deployment())
            call.operation = .embeddings
            await #expect {
                try await VertexStandIns.provider().send(call)
            } throws: {
                ($0 as? GatewayError)?.status.code == 400
            }
            #expect(standIns.vertex.calls.isEmpty)
        }
    }
}
