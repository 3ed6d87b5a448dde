import Foundation
import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// Vertex deployments priced by the bundled price map (no prices configured), for the usage the stand-in reports:
/// Claude's cache reads and writes (``CachedUsage``) at LiteLLM's `vertex_ai/claude-sonnet-4-5` prices (per million: 3
/// input, 0.3 cache read, 3.75 cache write, 15 output), Gemini's thoughts and cached content at `gemini-2.5-flash`'s
/// (0.3 input, 0.03 cache read, 2.5 output and reasoning), in the `x-litellm-response-cost` header and the spend log.
struct VertexPricingTests {
    let key = GatewayFixture.masterKey

    /// Gemini's usage from the stand-in: 11 prompt tokens (4 of them cached when the request names `cachedContent`),
    /// 5 candidate tokens and 7 thought tokens.
    static func geminiCost(cached: Int) -> Double {
        (Double(11 - cached) * 0.3 + Double(cached) * 0.03 + 5 * 2.5 + 7 * 2.5) / 1_000_000
    }

    @Test func spendFollowsTheMapsPricesWithCachedAndReasoningTokens() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/spend.db"
        try await VertexTestBed.withRunning { bed in
            let config = VertexGatewayTests.config([
                bed.entry("vertex-sonnet", "claude-sonnet-4-5-cached-usage"), bed.entry("vertex-flash", "gemini-2.5-flash-thinking"),
            ])
            try await TestGateway.withRunning(config: config, plugins: SpendLogEndToEndTests.plugins(database: database)) { gateway in
                let store = try SQLiteGatewayStore(path: database)
                let costs = CachedTokenCostTests()
                let claude = CachedTokenCostTests.anthropicCost(input: 3, read: 0.3, write: 3.75, output: 15) / 1_000_000
                let requests: [(String, String, JSON, Double)] = [
                    ("/v1/chat/completions", "chat", GatewayFixture.chat("vertex-sonnet"), claude),
                    (
                        "/v1/messages", "messages", ["model": "vertex-sonnet", "max_tokens": 50, "messages": [["role": "user", "content": "hi"]]],
                        claude
                    ),
                    ("/v1/chat/completions", "gemini chat", GatewayFixture.chat("vertex-flash"), Self.geminiCost(cached: 0)),
                    (
                        "/v1beta/models/vertex-flash:generateContent", "gemini native",
                        ["contents": [["role": "user", "parts": [["text": "hi"]]]], "cachedContent": "cachedContents/abc"],
                        Self.geminiCost(cached: 4)
                    ),
                ]
                for (path, name, body, expected) in requests {
                    let reply = try await gateway.post(path, json: body, key: key)
                    #expect(reply.status == 200, "\(name): \(reply.body)")
                    let header = try #require(reply.header("x-litellm-response-cost").flatMap(Double.init), "\(name)")
                    #expect(CachedTokenCostTests.close(header, expected), "\(name): header \(header), by the map's prices \(expected)")
                    let row = try await costs.row(reply, in: store)
                    #expect(CachedTokenCostTests.close(row.spend, expected), "\(name): row \(row.spend), by the map's prices \(expected)")
                }
            }
        }
    }
}
