import Foundation
import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// The bundled price map through the real binary: a model without configured costs is priced from the map in the
/// spend log; a model the map does not know costs 0 and is reported once at startup (however many deployments serve
/// it), never per request.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PricingTests {
    /// Serves `modelList` and `generalSettings` (YAML lines, indented as under their keys) with a SQLite store, the
    /// master key and the spend log; sends one chat per name in `calls`; stops the gateway with SIGTERM.
    /// - Returns: the gateway's output and its spend-log rows.
    static func spend(
        modelList: String, generalSettings: String = "", calls: [String]
    ) async throws -> (output: String, rows: [SpendLogEntry]) {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/pricing.db"
        let config = try directory.write(
            "config.yaml", "model_list:\n\(modelList)\ngeneral_settings:\n  master_key: \(CLITests.masterKey)\n\(generalSettings)\n")
        let plugins = try directory.write(
            "plugins.json",
            #"{"plugins": [{"name": "sqlite-store", "config": {"path": "\#(database)"}}, {"name": "master-key-auth"}, {"name": "spend-log"}]}"#)
        let server = try await ServedGateway.start(config: config, plugins: plugins, directory: directory.path)
        defer { server.process.kill() }
        for model in calls {
            let reply = try await server.endpoint.post("/v1/chat/completions", json: GatewayFixture.chat(model), key: CLITests.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
        }
        server.process.signal(SIGTERM)
        #expect(try await server.process.waitForExit(timeout: .seconds(20)) == 0)
        return (server.process.output, try await SQLiteGatewayStore(path: database).recentSpendLogs(limit: 100))
    }

    @Test func bundledPricesReachTheSpendLogAndAnUnknownPriceIsReportedOnce() async throws {
        try await TestUpstream.withRunning { upstream, _ in
            let (output, rows) = try await Self.spend(
                modelList: """
                      - model_name: priced
                        litellm_params: {model: openai/gpt-4o-mini, api_base: \(upstream.baseURL)/v1}
                      - model_name: unpriced
                        litellm_params: {model: openai/echo, api_base: \(upstream.baseURL)/v1}
                      - model_name: unpriced
                        litellm_params: {model: openai/echo, api_base: \(upstream.baseURL)/v1/}
                    """, calls: ["priced", "unpriced", "unpriced", "unpriced"])
            let warnings = output.components(separatedBy: PriceSource.unknownPriceWarning).count - 1
            #expect(warnings == 1, "\(output)")
            let priced = try #require(rows.first { $0.model == "priced" })
            // The test upstream reports 11 prompt and 7 completion tokens; gpt-4o-mini lists $0.15 and $0.60 per million.
            #expect(abs(priced.spend - (11 * 0.15 + 7 * 0.6) / 1_000_000) < 1e-15)
            #expect(rows.filter { $0.model == "unpriced" }.allSatisfy { $0.spend == 0 })
            #expect(rows.count == 4)
        }
    }
}
