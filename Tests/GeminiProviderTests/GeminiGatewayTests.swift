import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `gemini/` deployments in config.yaml, through the whole gateway over real HTTP, against GatewayTesting's
/// `GeminiUpstream`: chat plain and streamed, a tool round trip (with Gemini 3's thought signature), embeddings,
/// bad keys and Gemini's errors, safety blocks, a cut stream, and spend from the price table.
struct GeminiGatewayTests {
    static let masterKey = "sk-test-master"
    static let key = GeminiUpstream.Settings().apiKey
    static let plugins = #"{"plugins": [{"name": "master-key-auth"}]}"#

    /// One `model_list` entry: `gemini/<model>` on the stand-in at `base`, the key from `os.environ/TEST_GEMINI_KEY`
    /// unless `key` says otherwise (`nil`: none, so `GEMINI_API_KEY` is read).
    static func entry(_ name: String, _ model: String, base: String, key: String? = "os.environ/TEST_GEMINI_KEY") -> String {
        """
          - model_name: \(name)
            litellm_params:
              model: gemini/\(model)
              api_base: \(base)
        \(key.map { "      api_key: \($0)" } ?? "")
        """
    }

    static func config(base: String) -> String {
        """
        model_list:
        \(entry("gem", "gemini-2.5-flash", base: base))
        \(entry("gem3", "gemini-3-pro-preview", base: base))
        \(entry("gem-env", "gemini-2.5-flash", base: base, key: nil))
        \(entry("gem-badkey", "gemini-2.5-flash", base: base, key: "wrong-key-0002"))
        \(entry("gem-embed", "gemini-embedding-001", base: base))
        \(["safety-block", "safety-answer", "cut", "stream-error", "quota", "permission-denied", "bad-request", "too-long", "broken", "unavailable"].map { entry("gem-\($0)", $0, base: base) }.joined(separator: "\n"))
        general_settings:
          master_key: \(masterKey)
        """
    }

    static let environment = ["TEST_GEMINI_KEY": key, "GEMINI_API_KEY": key]

    /// Runs `body` with the stand-in and a gateway configured for it.
    static func withGateway(_ body: (TestEndpoint, GeminiUpstreamLog) async throws -> Void) async throws {
        try await GeminiUpstream.withRunning { upstream, log in
            try await TestGateway.withRunning(config: config(base: upstream.baseURL), plugins: plugins, environment: environment) { gateway in
                try await body(gateway, log)
            }
        }
    }

    static func chat(_ gateway: TestEndpoint, _ body: JSON) async throws -> TestEndpoint.Reply {
        try await gateway.post("/v1/chat/completions", json: body, key: masterKey)
    }

    /// "Hi" to `model`, whole or streamed.
    static func ask(_ gateway: TestEndpoint, _ model: String, stream: Bool) async throws -> TestEndpoint.Reply {
        try await chat(gateway, ["model": .string(model), "stream": .bool(stream), "messages": [["role": "user", "content": "Hi"]]])
    }

    static func streamedText(_ reply: TestEndpoint.Reply) -> String {
        reply.eventData.compactMap { try? JSONParser.parse($0)["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
    }

    @Test func chatPlainAndStreamed() async throws {
        try await Self.withGateway { gateway, log in
            let plain = try await Self.chat(
                gateway, ["model": "gem", "messages": [["role": "system", "content": "Be brief."], ["role": "user", "content": "Hi"]]])
            #expect(plain.status == 200, "\(plain.body)")
            #expect(plain.json?["choices"]?[0]?["message"]?["content"] == "gemini says: Hi")
            #expect(plain.json?["usage"]?["prompt_tokens"] == 11)
            let call = try #require(await log.calls.last)
            #expect(call.path == "/v1beta/models/gemini-2.5-flash:generateContent")
            #expect(call.headers["x-goog-api-key"] == Self.key)
            #expect(call.body["systemInstruction"] == ["parts": [["text": "Be brief."]]])
            #expect(call.body["contents"] == [["role": "user", "parts": [["text": "Hi"]]]])

            let streamed = try await Self.chat(
                gateway,
                ["model": "gem", "stream": true, "stream_options": ["include_usage": true], "messages": [["role": "user", "content": "Hi"]]])
            #expect(streamed.status == 200)
            #expect(Self.streamedText(streamed) == "gemini says: Hi")
            #expect(streamed.eventData.last == "[DONE]")
            let usage = streamed.eventData.compactMap { try? JSONParser.parse($0)["usage"] }.last { !$0.isNull }
            #expect(usage?["completion_tokens"] == 5)
            let streamCall = try #require(await log.calls.last)
            #expect(streamCall.method == "streamGenerateContent" && streamCall.alt == "sse")

            // No api_key in the deployment: GEMINI_API_KEY from the environment.
            #expect(try await Self.chat(gateway, ["model": "gem-env", "messages": [["role": "user", "content": "Hi"]]]).status == 200)
            #expect(await log.calls.last?.headers["x-goog-api-key"] == Self.key)
        }
    }

    @Test func aToolRoundTripKeepsGeminiThreesThoughtSignature() async throws {
        try await Self.withGateway { gateway, log in
            let tools: JSON = [
                [
                    "type": "function",
                    "function": [
                        "name": "get_weather", "parameters": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]],
                    ],
                ]
            ]
            let question: JSON = ["role": "user", "content": "weather in Paris?"]
            let first = try await Self.chat(gateway, ["model": "gem3", "messages": [question], "tools": tools, "tool_choice": "required"])
            #expect(first.status == 200, "\(first.body)")
            #expect(first.json?["choices"]?[0]?["finish_reason"] == "tool_calls")
            let call = try #require(first.json?["choices"]?[0]?["message"]?["tool_calls"]?[0])
            #expect(call["function"]?["arguments"] == "{\"city\":\"Paris\"}")
            #expect(await log.calls.last?.body["toolConfig"] == ["functionCallingConfig": ["mode": "ANY"]])

            let assistant: JSON = ["role": "assistant", "content": nil, "tool_calls": [call]]
            let result: JSON = ["role": "tool", "tool_call_id": call["id"] ?? "", "content": "22C and sunny"]
            let second = try await Self.chat(gateway, ["model": "gem3", "messages": [question, assistant, result], "tools": tools])
            #expect(second.status == 200, "\(second.body)")
            #expect(second.json?["choices"]?[0]?["message"]?["content"] == "weather: 22C and sunny")

            // Without the signature Gemini 3 refuses the turn; the client sees Gemini's reason.
            var unsigned = call
            unsigned["id"] = "call_plain"
            let refused = try await Self.chat(
                gateway,
                [
                    "model": "gem3", "tools": tools,
                    "messages": [
                        question, ["role": "assistant", "tool_calls": [unsigned]], ["role": "tool", "tool_call_id": "call_plain", "content": "x"],
                    ],
                ])
            #expect(refused.status == 400)
            #expect(refused.body.contains("thought_signature"))

            let streamed = try await Self.chat(gateway, ["model": "gem3", "stream": true, "messages": [question], "tools": tools])
            let deltas = streamed.eventData.compactMap { try? JSONParser.parse($0)["choices"]?[0] }
            #expect(deltas.contains { $0["delta"]?["tool_calls"]?[0]?["function"]?["name"] == "get_weather" })
            #expect(deltas.contains { $0["finish_reason"] == "tool_calls" })
        }
    }

    @Test func embeddingsWithDimensions() async throws {
        try await Self.withGateway { gateway, log in
            let reply = try await gateway.post(
                "/v1/embeddings", json: ["model": "gem-embed", "input": ["abc", "hello"], "dimensions": 4], key: Self.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["data"]?[0]?["embedding"] == [3.0, 0.5, 0.5, 0.5])
            #expect(reply.json?["data"]?[1]?["embedding"]?[0] == 5.0)
            #expect(reply.json?["data"]?[1]?["index"] == 1)
            #expect((reply.json?["usage"]?["prompt_tokens"]?.intValue ?? 0) > 0, "estimated: Gemini reports none")
            let call = try #require(await log.calls.last)
            #expect(call.path == "/v1beta/models/gemini-embedding-001:batchEmbedContents")
            #expect(
                call.body["requests"]?[1] == [
                    "model": "models/gemini-embedding-001", "content": ["parts": [["text": "hello"]]], "outputDimensionality": 4,
                ])
            // The openai SDK's default: each vector as little-endian float32, base64-encoded.
            let encoded = try await gateway.post(
                "/v1/embeddings", json: ["model": "gem-embed", "input": "abcd", "dimensions": 2, "encoding_format": "base64"], key: Self.masterKey)
            let text = try #require(encoded.json?["data"]?[0]?["embedding"]?.stringValue, "\(encoded.body)")
            let bytes = try #require(Data(base64Encoded: text))
            let floats = stride(from: 0, to: bytes.count, by: 4).map { offset in
                Float(bitPattern: bytes[offset..<offset + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            }
            #expect(floats == [4, 0.5])
            let refused = try await gateway.post("/v1/embeddings", json: ["model": "gem-embed", "input": [[1, 2]]], key: Self.masterKey)
            #expect(refused.status == 400)
        }
    }

    @Test func badKeysAndGeminisErrorsAreClearAndNeverQuoteTheKey() async throws {
        try await Self.withGateway { gateway, _ in
            func ask(_ model: String, stream: Bool = false) async throws -> TestEndpoint.Reply { try await Self.ask(gateway, model, stream: stream) }
            let badKey = try await ask("gem-badkey")
            #expect(badKey.status == 502)
            #expect(badKey.json?["error"]?["code"] == "upstream_auth_error")
            #expect(!badKey.body.contains("wrong-key-0002"))
            let denied = try await ask("gem-permission-denied")
            #expect(denied.status == 502)
            #expect(denied.json?["error"]?["code"] == "upstream_auth_error")
            let quota = try await ask("gem-quota")
            #expect(quota.status == 429)
            #expect(quota.body.contains("quota"))
            let invalid = try await ask("gem-bad-request")
            #expect(invalid.status == 400)
            #expect(invalid.body.contains("invalid argument"))
            let tooLong = try await ask("gem-too-long")
            #expect(tooLong.status == 400)
            #expect(tooLong.json?["error"]?["code"] == "context_length_exceeded")
            #expect(try await ask("gem-broken").status == 502)
            #expect(try await ask("gem-unavailable").status == 502)
            for reply in [badKey, denied, quota, invalid] { #expect(!reply.body.contains(Self.key)) }
        }
    }

    @Test func safetyBlocksAndACutStream() async throws {
        try await Self.withGateway { gateway, _ in
            func ask(_ model: String, stream: Bool = false) async throws -> TestEndpoint.Reply { try await Self.ask(gateway, model, stream: stream) }
            let blocked = try await ask("gem-safety-block")
            #expect(blocked.status == 200)
            #expect(blocked.json?["choices"]?[0]?["finish_reason"] == "content_filter")
            #expect(blocked.json?["choices"]?[0]?["message"]?["content"] == .null)
            let blockedStream = try await ask("gem-safety-block", stream: true)
            #expect(blockedStream.eventData.contains { (try? JSONParser.parse($0))?["choices"]?[0]?["finish_reason"] == "content_filter" })
            let filtered = try await ask("gem-safety-answer")
            #expect(filtered.json?["choices"]?[0]?["finish_reason"] == "content_filter")

            let cut = try await ask("gem-cut", stream: true)
            #expect(cut.body.contains("upstream_stream_cut"), "\(cut.body)")
            #expect(Self.streamedText(cut) == "gemini says", "what arrived before the cut reached the client")
            #expect(!cut.body.contains("\"finish_reason\":\"stop\""), "a cut stream does not pose as finished")
            // An error Gemini writes into the stream: an error event after what arrived, mapped as the same error whole.
            let failed = try await ask("gem-stream-error", stream: true)
            #expect(Self.streamedText(failed) == "gemini says: ")
            #expect(failed.body.contains("rate limiting") && failed.body.contains("exhausted"), "\(failed.body)")
            // A wrong key on a stream is refused before it starts, as a whole call is.
            let badKeyStream = try await ask("gem-badkey", stream: true)
            #expect(badKeyStream.status == 502)
            #expect(badKeyStream.json?["error"]?["code"] == "upstream_auth_error")
            #expect(try await ask("gem").status == 200)
        }
    }

    /// Spend for a call with thoughts and cached content: thoughts priced as output, cached tokens at the cached
    /// price, from the deployment's price as the price table resolves it.
    @Test func spendCountsThoughtsAsOutputAndCachedTokensAtTheCachedPrice() async throws {
        let entry: JSON = ["model_name": "gem", "litellm_params": ["model": "gemini/gemini-2.5-flash", "api_key": "k"]]
        let priced = try Deployment(parsing: entry, path: "model_list[0]")
        #expect(priced.inputCostPerToken > 0 && priced.outputCostPerToken > priced.inputCostPerToken)
        // The map prices Gemini's cached content below fresh input: the cached tokens must be billed apart.
        let cachedPrice = try #require(priced.cacheReadCostPerToken)
        #expect(cachedPrice < priced.inputCostPerToken)
        // The stand-in: 11 prompt tokens of which 4 cached, 5 candidate tokens and 7 thought tokens.
        let input = 7 * priced.inputCostPerToken + 4 * (priced.cacheReadCostPerToken ?? priced.inputCostPerToken)
        let output = 5 * priced.outputCostPerToken + 7 * (priced.reasoningCostPerToken ?? priced.outputCostPerToken)
        try await Self.withGateway { gateway, _ in
            let request: JSON = [
                "model": "gem", "reasoning_effort": "low", "cached_content": "cachedContents/c1", "messages": [["role": "user", "content": "Hi"]],
            ]
            let reply = try await Self.chat(gateway, request)
            #expect(reply.status == 200, "\(reply.body)")
            let cost = try #require(reply.header("x-litellm-response-cost").flatMap(Double.init))
            #expect(abs(cost - (input + output)) < 1e-12, "cost \(cost), expected \(input + output)")
            #expect(reply.json?["usage"]?["completion_tokens_details"]?["reasoning_tokens"] == 7)
            #expect(reply.json?["choices"]?[0]?["message"]?["reasoning_content"] == "Let me think about it.")

            // Streamed, the last chunk's usage carries the same parts the gateway prices.
            var streamedRequest = request
            streamedRequest["stream"] = true
            streamedRequest["stream_options"] = ["include_usage": true]
            let streamed = try await Self.chat(gateway, streamedRequest)
            let usage = try #require(streamed.eventData.compactMap { try? JSONParser.parse($0)["usage"] }.last { !$0.isNull })
            #expect(Usage(openAI: usage) == Usage(promptTokens: 11, completionTokens: 12, cachedReadTokens: 4, reasoningTokens: 7))
            let thoughts = streamed.eventData.compactMap { try? JSONParser.parse($0)["choices"]?[0]?["delta"]?["reasoning_content"]?.stringValue }
            #expect(thoughts.joined() == "Let me think about it.")
        }
    }
}
