import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Google's official `google-genai` SDK against the gateway's Gemini routes (`Tests/sdk/genai_check.py`): plain,
/// streamed, a function call round trip (automatic calling off, the result sent back as a `functionResponse`),
/// countTokens and errors, through OpenAI- and Anthropic-format upstreams by translation and to a `gemini/` deployment
/// natively.
///
/// The interpreter is `TOLLGATE_PYTHON` (default `python3`), as for ``SDKCompatibilityTests``; `scripts/test` creates
/// the venv. `TOLLGATE_SKIP_SDK=1` disables the suite.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct GeminiSDKTests {
    @Test(.timeLimit(.minutes(3)))
    func googleGenAISDKReachesOpenAIAndAnthropicDeploymentsByTranslation() async throws {
        guard try await PythonSDKScript.canImport("google.genai") else { return }
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config([
                RoutingFixture.entry("gpt-test", "echo", upstream: upstream),
                RoutingFixture.entry("gpt-round", "tool-then-answer", upstream: upstream),
                RoutingFixture.entry("claude-test", "echo", upstream: upstream, anthropic: true),
                RoutingFixture.entry("claude-round", "tool-then-answer", upstream: upstream, anthropic: true),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                try await PythonSDKScript.run(
                    "genai_check.py", gateway: gateway, key: SDKCompatibilityTests.masterKey,
                    environment: ["GENAI_MODELS": "openai=gpt-test:gpt-round,anthropic=claude-test:claude-round"])
            }
            // The round trip's second turn reached the upstream as chat: the call, then its result as a tool message.
            let answered = await recorder.calls.last { $0.path == "/v1/chat/completions" && $0.body["messages"]?.arrayValue?.last?["role"] == "tool" }
            let messages = try #require(answered?.body["messages"]?.arrayValue)
            let call = try #require(messages.dropLast().last?["tool_calls"]?[0])
            #expect(call["function"]?["name"] == "get_weather")
            #expect(messages.last?["tool_call_id"] == call["id"])
            #expect(messages.last?["content"] == #"{"result":"22C and sunny"}"#)
            // The pydantic response_schema reached the upstream as a JSON Schema response_format.
            let structured = try #require(await recorder.calls.last { $0.path == "/v1/chat/completions" && $0.body["response_format"] != nil })
            let schema = structured.body["response_format"]?["json_schema"]?["schema"]
            #expect(structured.body["response_format"]?["type"] == "json_schema")
            #expect(schema?["type"] == "object" && schema?["properties"]?["name"]?["type"] == "string", "\(structured.body)")
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func googleGenAISDKReachesAGeminiDeploymentNatively() async throws {
        guard try await PythonSDKScript.canImport("google.genai") else { return }
        try await GeminiUpstream.withRunning { upstream, log in
            let config = GeminiInboundNativeTests.config(upstream.baseURL)
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                try await PythonSDKScript.run(
                    "genai_check.py", gateway: gateway, key: SDKCompatibilityTests.masterKey,
                    environment: ["GENAI_MODELS": "gemini=gem-native:gem-native"])
            }
            let calls = await log.calls
            #expect(calls.allSatisfy { $0.headers["x-goog-api-key"] == GeminiInboundNativeTests.upstreamKey && $0.model == "gemini-2.5-flash" })
            #expect(calls.allSatisfy { $0.body["model"] == nil && $0.body["stream"] == nil }, "nothing of the gateway's in the body")
            // The round trip's second turn went as the SDK wrote it: Gemini's schema types, the call's thought signature.
            let answered = try #require(calls.last { $0.body["contents"]?.arrayValue?.count == 3 })
            let declaration = answered.body["tools"]?[0]?["functionDeclarations"]?[0]
            #expect(declaration?["parameters"]?["type"] == "OBJECT", "\(answered.body)")
            let callPart = answered.body["contents"]?[1]?["parts"]?[0]
            #expect(callPart?["functionCall"]?["name"] == "get_weather")
            #expect(callPart?["thoughtSignature"]?.stringValue?.isEmpty == false, "\(answered.body)")
            #expect(answered.body["contents"]?[2]?["parts"]?[0]?["functionResponse"]?["response"] == ["result": "22C and sunny"])
        }
    }
}
