import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// Cached input and reasoning output priced apart, over real HTTP: an OpenAI upstream reporting `cached_tokens` and
/// `reasoning_tokens`, an Anthropic one reporting `cache_read_input_tokens` and `cache_creation_input_tokens`
/// (``CachedUsage``), through `/v1/chat/completions` and `/v1/messages`, plain and streamed. The
/// `x-litellm-response-cost` header and the spend-log row carry the cost computed here by hand.
struct CachedTokenCostTests {
    let key = GatewayFixture.masterKey

    /// Per-token prices of the configured deployments.
    enum Price {
        static let input = 0.001, output = 0.002, cacheRead = 0.0001, cacheWrite = 0.00125, reasoning = 0.004
    }

    static func config(upstream: TestEndpoint) -> String {
        func entry(_ name: String, _ model: String, base: String, prices: String) -> String {
            """
              - model_name: \(name)
                litellm_params:
                  model: \(model)
                  api_base: \(base)
                  api_key: \(GatewayFixture.upstreamKey)
                  timeout: 15
                model_info: {\(prices)}
            """
        }
        let own = "input_cost_per_token: \(Price.input), output_cost_per_token: \(Price.output)"
        let cache = "cache_read_input_token_cost: \(Price.cacheRead), cache_creation_input_token_cost: \(Price.cacheWrite)"
        let models = [
            entry("openai-cached", "openai/cached-usage", base: "\(upstream.baseURL)/v1", prices: "\(own), \(cache)"),
            entry(
                "openai-reasoning", "openai/cached-usage", base: "\(upstream.baseURL)/v1",
                prices: "\(own), \(cache), output_cost_per_reasoning_token: \(Price.reasoning)"),
            entry("openai-no-cache-price", "openai/cached-usage", base: "\(upstream.baseURL)/v1", prices: own),
            entry("claude-cached", "anthropic/cached-usage", base: upstream.baseURL, prices: "\(own), \(cache)"),
            // Priced by the bundled table, as their families gpt-4o and claude-sonnet-4-5.
            entry("gpt-4o-listed", "openai/gpt-4o-cached-usage", base: "\(upstream.baseURL)/v1", prices: ""),
            entry("sonnet-listed", "anthropic/claude-sonnet-4-5-cached-usage", base: upstream.baseURL, prices: ""),
        ]
        return """
            model_list:
            \(models.joined(separator: "\n"))
            general_settings:
              master_key: \(GatewayFixture.masterKey)
            """
    }

    /// OpenAI's 1000 prompt tokens (800 cached) and 300 completion tokens (200 reasoning), at `input`, `read`, `output`
    /// and `reasoning` USD per token.
    static func openAICost(input: Double, read: Double, output: Double, reasoning: Double? = nil) -> Double {
        200 * input + 800 * read + 100 * output + 200 * (reasoning ?? output)
    }

    /// Anthropic's 100 uncached input, 800 cache-read, 200 cache-write and 300 output tokens.
    static func anthropicCost(input: Double, read: Double, write: Double, output: Double) -> Double {
        100 * input + 800 * read + 200 * write + 300 * output
    }

    /// The expected cost of each model, per million for the listed ones (gpt-4o: 2.5 input, 1.25 cached, 10 output;
    /// claude-sonnet-4-5: 3 input, 0.3 cache read, 3.75 cache write, 15 output).
    static let expected: [String: Double] = [
        "openai-cached": openAICost(input: Price.input, read: Price.cacheRead, output: Price.output),
        "openai-reasoning": openAICost(input: Price.input, read: Price.cacheRead, output: Price.output, reasoning: Price.reasoning),
        "openai-no-cache-price": openAICost(input: Price.input, read: Price.input, output: Price.output),
        "claude-cached": anthropicCost(input: Price.input, read: Price.cacheRead, write: Price.cacheWrite, output: Price.output),
        "gpt-4o-listed": openAICost(input: 2.5, read: 1.25, output: 10) / 1_000_000,
        "sonnet-listed": anthropicCost(input: 3, read: 0.3, write: 3.75, output: 15) / 1_000_000,
    ]

    static func close(_ value: Double, _ expected: Double) -> Bool { abs(value - expected) <= expected * 1e-9 }

    /// Waits until the request's spend-log row is in the store (the log is written behind the request).
    func row(_ reply: TestEndpoint.Reply, in store: SQLiteGatewayStore) async throws -> SpendLogEntry {
        let id = try #require(reply.header("x-request-id"))
        for _ in 0..<100 {
            if let entry = try await store.spendLog(requestID: id) { return entry }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no spend-log row for \(id)")
        throw CancellationError()
    }

    /// The JSON of each `data:` line of a server-sent event stream.
    static func events(_ body: String) -> [JSON] {
        body.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("data: "), line != "data: [DONE]" else { return nil }
            return try? JSONParser.parse(String(line.dropFirst(6)))
        }
    }

    func run(_ body: (TestEndpoint, SQLiteGatewayStore) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/spend.db"
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: Self.config(upstream: upstream), plugins: SpendLogEndToEndTests.plugins(database: database)) {
                gateway in
                try await body(gateway, try SQLiteGatewayStore(path: database))
            }
        }
    }

    @Test func chatCompletionsPriceCachedAndReasoningTokensInTheHeaderAndTheSpendLog() async throws {
        try await run { gateway, store in
            for (model, expected) in Self.expected.sorted(by: { $0.key < $1.key }) {
                let plain = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(model), key: key)
                #expect(plain.status == 200, "\(model): \(plain.body)")
                let header = try #require(plain.header("x-litellm-response-cost").flatMap(Double.init), "\(model)")
                #expect(Self.close(header, expected), "\(model): header \(header), by hand \(expected)")
                let plainRow = try await row(plain, in: store)
                #expect(Self.close(plainRow.spend, expected), "\(model): row \(plainRow.spend), by hand \(expected)")
                #expect(plainRow.metadata["usage_object"]?["prompt_tokens_details"]?["cached_tokens"] == 800, "\(model): \(plainRow.metadata)")

                // Streamed: the usage comes in the last chunk (OpenAI) or message_start and message_delta (Anthropic).
                var request = GatewayFixture.chat(model, stream: true)
                request["stream_options"] = ["include_usage": true]
                let streamed = try await gateway.post("/v1/chat/completions", json: request, key: key)
                #expect(streamed.status == 200, "\(model): \(streamed.body)")
                let streamedRow = try await row(streamed, in: store)
                #expect(Self.close(streamedRow.spend, expected), "\(model) streamed: row \(streamedRow.spend), by hand \(expected)")
                #expect(streamedRow.metadata["usage_estimated"] == false)
                let usage = try #require(Self.events(streamed.body).last { $0["usage"]?.objectValue != nil }?["usage"], "\(model)")
                #expect(usage["prompt_tokens_details"]?["cached_tokens"] == 800, "\(model): \(usage)")
            }
        }
    }

    @Test func anAnthropicAnswerInOpenAIsShapeKeepsItsCacheCounts() async throws {
        try await run { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("claude-cached"), key: key)
            let usage = try #require(reply.json?["usage"])
            #expect(usage["prompt_tokens"] == 1100, "Anthropic's input_tokens leaves the cache out; OpenAI's prompt_tokens does not")
            #expect(usage["prompt_tokens_details"]?["cached_tokens"] == 800)
            #expect(usage["cache_creation_input_tokens"] == 200)
        }
    }

    @Test func messagesPriceTheCacheAndKeepAnthropicsCacheFields() async throws {
        try await run { gateway, store in
            for model in ["claude-cached", "sonnet-listed", "openai-cached"] {
                let expected = try #require(Self.expected[model])
                let body: JSON = ["model": .string(model), "max_tokens": 64, "messages": [["role": "user", "content": "hello"]]]
                let plain = try await gateway.post("/v1/messages", json: body, key: key)
                #expect(plain.status == 200, "\(model): \(plain.body)")
                let header = try #require(plain.header("x-litellm-response-cost").flatMap(Double.init), "\(model)")
                #expect(Self.close(header, expected), "\(model): header \(header), by hand \(expected)")
                #expect(Self.close(try await row(plain, in: store).spend, expected), "\(model)")
                let usage = try #require(plain.json?["usage"], "\(model)")
                #expect(usage["cache_read_input_tokens"] == 800, "\(model): \(usage)")
                if model != "openai-cached" {
                    #expect(usage == CachedUsage.anthropic, "\(model): Anthropic's usage comes back as it was")
                }

                var streamedBody = body
                streamedBody["stream"] = true
                let streamed = try await gateway.post("/v1/messages", json: streamedBody, key: key)
                #expect(streamed.status == 200, "\(model): \(streamed.body)")
                let streamedRow = try await row(streamed, in: store)
                #expect(Self.close(streamedRow.spend, expected), "\(model) streamed: row \(streamedRow.spend), by hand \(expected)")
                // In message_start (as Anthropic streams it) or in message_delta (a stream translated from OpenAI's chunks).
                let usages = Self.events(streamed.body).compactMap { $0["usage"] ?? $0["message"]?["usage"] }
                #expect(usages.contains { $0["cache_read_input_tokens"] == 800 }, "\(model): \(usages)")
            }
        }
    }
}
