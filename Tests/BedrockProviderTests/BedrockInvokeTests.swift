import Foundation
import GatewayCore
import HTTPTypes
import NIOCore
import Synchronization
import Testing

@testable import BedrockProvider

/// The InvokeModel path for Anthropic models, piece by piece: which model ids speak Anthropic's dialect, the body
/// InvokeModel gets, and the event carried by each stream message; then the provider over HTTP against
/// ``BedrockStandIn``.
struct BedrockInvokeTests {
    @Test(arguments: [
        ("anthropic.claude-3-5-sonnet-20240620-v1:0", true), ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", true),
        ("eu.anthropic.claude-3-7-sonnet-20250219-v1:0", true), ("apac.anthropic.claude-sonnet-4-20250514-v1:0", true),
        ("global.anthropic.claude-sonnet-4-5-20250929-v1:0", true), ("us-gov.anthropic.claude-3-haiku-20240307-v1:0", true),
        ("meta.llama3-1-70b-instruct-v1:0", false), ("us.meta.llama3-2-1b-instruct-v1:0", false), ("amazon.nova-pro-v1:0", false),
        ("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc", false), ("US.anthropic.claude", false),
        ("a.b.anthropic.claude", false), (".anthropic.claude", false), ("anthropicx.claude", false),
    ])
    func anthropicModelIDs(_ id: String, _ isAnthropic: Bool) {
        #expect(BedrockProvider.isAnthropicModel(id) == isAnthropic, "\(id)")
        let deployment = BedrockProviderTests.deployment(base: "http://127.0.0.1:1", model: id)
        #expect(BedrockProviderTests.provider().nativeDialects(for: deployment) == (isAnthropic ? [.anthropicMessages] : []))
    }

    @Test func invokeBodyDropsModelAndStreamAndAddsVersionAndBetas() {
        let sent: JSON = [
            "model": "us.anthropic.claude", "stream": true, "max_tokens": 10, "messages": [["role": "user", "content": "Hi"]],
            "anthropic_beta": ["context-1m-2025-08-07"],
        ]
        let body = BedrockProvider.invokeBody(
            NativeBody(
                dialect: .anthropicMessages, json: sent,
                headers: [("anthropic-beta", "a-1, context-1m-2025-08-07,,b-2"), ("anthropic-version", "2023-06-01")]))
        #expect(
            body == [
                "max_tokens": 10, "messages": [["role": "user", "content": "Hi"]], "anthropic_version": "bedrock-2023-05-31",
                "anthropic_beta": ["context-1m-2025-08-07", "a-1", "b-2"],
            ])
        var own = sent
        own["anthropic_version"] = "bedrock-2099-01-01"
        own["anthropic_beta"] = nil as JSON?
        let kept = BedrockProvider.invokeBody(NativeBody(dialect: .anthropicMessages, json: own))
        #expect(kept["anthropic_version"] == "bedrock-2099-01-01", "a client's version is kept")
        #expect(kept["anthropic_beta"] == nil, "no betas, no field")
    }

    static func message(_ headers: [(String, String)], payload: String) -> EventStreamMessage {
        EventStreamMessage(headers: headers.map { ($0.0, .string($0.1)) }, payload: ByteBuffer(string: payload))
    }

    static func chunk(_ bytes: String) -> EventStreamMessage {
        message([(":event-type", "chunk"), (":message-type", "event")], payload: #"{"bytes":"\#(Data(bytes.utf8).base64EncodedString())","p":"ab"}"#)
    }

    @Test func chunkEventsBecomeAnthropicEvents() throws {
        let text = #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}"#
        let event = try BedrockInvokeStream.anthropicEvent(in: Self.chunk(text), deploymentName: "d")
        #expect(event == ServerSentEvent(event: "content_block_delta", data: text), "the bytes as sent, named by their type")
        let spread = "{\"type\":\"ping\",\n\"x\":1}"
        #expect(try BedrockInvokeStream.anthropicEvent(in: Self.chunk(spread), deploymentName: "d")?.data.contains("\n") == false)
        let other = Self.message([(":event-type", "somethingNew"), (":message-type", "event")], payload: "{}")
        #expect(try BedrockInvokeStream.anthropicEvent(in: other, deploymentName: "d") == nil, "an unknown event type is skipped")
    }

    @Test(arguments: [
        #"{"bytes":"not base64!"}"#, #"{"nobytes":1}"#, "not json", #"{"bytes":"\#(Data("[1,2]".utf8).base64EncodedString())"}"#,
        #"{"bytes":"\#(Data(#"{"type":"a\nevent: forged"}"#.utf8).base64EncodedString())"}"#,
        #"{"bytes":"\#(Data(#"{"type":""}"#.utf8).base64EncodedString())"}"#,
        #"{"bytes":"\#(Data("{\"type\":\"\(String(repeating: "a", count: 65))\"}".utf8).base64EncodedString())"}"#,
        #"{"bytes":"\#(Data([0x7B, 0xFF, 0x7D]).base64EncodedString())"}"#,
    ])
    func malformedChunksAreInvalidResponses(_ payload: String) {
        let message = Self.message([(":event-type", "chunk"), (":message-type", "event")], payload: payload)
        #expect {
            try BedrockInvokeStream.anthropicEvent(in: message, deploymentName: "claude-bedrock")
        } throws: {
            ($0 as? GatewayError)?.code == "upstream_invalid_response" && ($0 as? GatewayError)?.message.contains("claude-bedrock") == true
        }
    }

    @Test func exceptionsAreMappedAsOnConverseStreams() {
        let throttled = Self.message(
            [(":exception-type", "throttlingException"), (":message-type", "exception")], payload: #"{"message":"slow down"}"#)
        #expect {
            try BedrockInvokeStream.anthropicEvent(in: throttled, deploymentName: "d")
        } throws: {
            ($0 as? GatewayError)?.status == .tooManyRequests && ($0 as? GatewayError)?.message.contains("slow down") == true
        }
        let failed = Self.message(
            [(":exception-type", "modelStreamErrorException"), (":message-type", "exception")], payload: #"{"message":"boom"}"#)
        #expect {
            try BedrockInvokeStream.anthropicEvent(in: failed, deploymentName: "d")
        } throws: {
            ($0 as? GatewayError)?.status == .badGateway && ($0 as? GatewayError)?.message.contains("modelStreamErrorException: boom") == true
        }
    }

    static func nativeCall(_ deployment: Deployment, _ body: JSON) -> UpstreamCall {
        var call = BedrockProviderTests.call(deployment, ["model": "claude-bedrock", "messages": [["role": "user", "content": "Hi"]]])
        call.native = NativeBody(dialect: .anthropicMessages, json: body, headers: [("anthropic-beta", "interleaved-thinking-2025-05-14")])
        return call
    }

    @Test func theProviderInvokesSignedAndAnswersNatively() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let deployment = BedrockProviderTests.deployment(base: base, model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
            let body: JSON = [
                "model": "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "max_tokens": 64, "messages": [["role": "user", "content": "Hi"]],
            ]
            let answer = try await BedrockProviderTests.provider().send(Self.nativeCall(deployment, body))
            guard case .native(let native) = answer else {
                Issue.record("not a native answer: \(answer)")
                return
            }
            #expect(native.dialect == .anthropicMessages)
            #expect(native.body["content"]?[0]?["text"] == "Hello from Claude on Bedrock")
            #expect(native.view["choices"]?[0]?["message"]?["content"] == "Hello from Claude on Bedrock", "the OpenAI view beside it")
            #expect(native.view["usage"]?["prompt_tokens"] == 20)
            let id = try #require(native.body["id"]?.stringValue)
            #expect(native.bytes.map { String(buffer: $0) } == BedrockStandIn.sentAnswers.withLock { $0[id]?.first })
            let received = try #require(standIn.received.withLock { $0.last })
            #expect(received.body["anthropic_beta"] == ["interleaved-thinking-2025-05-14"])
            #expect(received.headers["accept"] == "application/json")
        }
    }

    @Test func theProviderStreamsViewChunksCarryingTheEvents() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let deployment = BedrockProviderTests.deployment(base: base, model: "anthropic.claude-3-5-sonnet-20240620-v1:0")
            let body: JSON = ["model": "x", "max_tokens": 64, "stream": true, "messages": [["role": "user", "content": "Hi"]]]
            guard case .stream(let chunks) = try await BedrockProviderTests.provider().send(Self.nativeCall(deployment, body)) else {
                Issue.record("not a stream")
                return
            }
            var events: [ServerSentEvent] = []
            var text = ""
            for try await chunk in chunks {
                events += chunk.native?.events ?? []
                text += chunk.json["choices"]?[0]?["delta"]?["content"]?.stringValue ?? ""
            }
            #expect(text == "Hello from Claude on Bedrock", "the view's deltas")
            let id = try #require(events.first.flatMap { try? JSONParser.parse($0.data)["message"]?["id"]?.stringValue })
            #expect(events.map(\.data) == BedrockStandIn.sentAnswers.withLock { $0[id] }, "every event, once, in order")
            #expect(standIn.received.withLock { $0.last?.path }?.hasSuffix("/invoke-with-response-stream") == true)
        }
    }
}
