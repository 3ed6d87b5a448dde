import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import HTTPTypes
import Hummingbird
import Logging
import SQLiteStore
import Testing

@testable import GatewayServer

/// The price map refreshed at startup from `LITELLM_MODEL_COST_MAP_URL` or `general_settings.model_cost_map_url`: a
/// file or a loopback URL, in LiteLLM's JSON or our rows; the bundled map kept on any failure.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PriceMapRefreshTests {
    /// LiteLLM's format: a model the bundled map does not know, and gpt-4o-mini at a price of its own.
    static let litellmJSON = #"""
        {"sample_spec": {"litellm_provider": "one of", "input_cost_per_token": 0.0},
         "echo": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 0.001, "output_cost_per_token": 0.002,
                  "max_input_tokens": 4096, "max_output_tokens": 1024},
         "gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 0.01, "output_cost_per_token": 0.02}}
        """#
    /// The same in our rows.
    static let rows = """
        \(PriceMap.formatLine)
        key\tprovider\tmode\tinput\toutput\tcontext\tmax_output
        echo\topenai\tchat\t0.001\t0.002\t4096\t1024
        gpt-4o-mini\topenai\tchat\t0.01\t0.02\t\t

        """

    /// Serves `body` at `/map` (or `status` with an error body) on loopback for the duration of `run`.
    static func serving<T: Sendable>(
        _ body: String, status: HTTPResponse.Status = .ok, _ run: (String) async throws -> T
    ) async throws -> T {
        let router = Router()
        router.get("/map") { _, _ in
            Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        return try await RunningServer.serve(router, label: "price-map-source") { port in try await run("http://127.0.0.1:\(port)/map") }
    }

    static func load(_ environment: [String: String], settings: [String: JSON] = [:]) async -> PriceMap? {
        let client = GatewayBuilder.makeHTTPClient()
        let map = await PriceMapRefresh.load(environment: environment, generalSettings: settings, client: client, logger: Logger(label: "test"))
        try? await client.shutdown()
        return map
    }

    @Test func theLocationComesFromTheEnvironmentThenTheConfigAndLocalMeansBundled() {
        let settings: [String: JSON] = ["model_cost_map_url": "/etc/prices.json"]
        #expect(PriceMapRefresh.location(environment: [:], generalSettings: [:]) == nil, "nothing is fetched unless asked")
        #expect(PriceMapRefresh.location(environment: [:], generalSettings: settings) == "/etc/prices.json")
        #expect(
            PriceMapRefresh.location(environment: ["LITELLM_MODEL_COST_MAP_URL": "https://x/m.json"], generalSettings: settings) == "https://x/m.json"
        )
        for local in ["True", "true", "1"] {
            let environment = ["LITELLM_MODEL_COST_MAP_URL": "https://x/m.json", "LITELLM_LOCAL_MODEL_COST_MAP": local]
            #expect(PriceMapRefresh.location(environment: environment, generalSettings: settings) == nil)
        }
        #expect(PriceMapRefresh.location(environment: ["LITELLM_MODEL_COST_MAP_URL": "  "], generalSettings: [:]) == nil)
        #expect(PriceMapRefresh.redacted("https://user:pw@host/m.json?token=s3cret#x") == "https://host/m.json")
    }

    @Test func aFileInEitherFormatReplacesTheMap() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for (name, text) in [("litellm.json", Self.litellmJSON), ("prices.tsv", Self.rows)] {
            let path = try directory.write(name, text)
            for location in [path, "file://" + path] {
                let map = try #require(await Self.load(["LITELLM_MODEL_COST_MAP_URL": location]), "\(location)")
                #expect(map.count == 2)
                #expect(map.entry(named: "echo")?.price.inputPerToken == 0.001)
                #expect(map.entry(named: "echo")?.price.maxOutputTokens == 1024)
                #expect(map.entry(named: "gpt-4o-mini")?.price.outputPerToken == 0.02)
            }
            // From config.yaml's general_settings too.
            #expect(await Self.load([:], settings: ["model_cost_map_url": .string(path)])?.count == 2)
        }
    }

    @Test func aLoopbackURLReplacesTheMap() async throws {
        try await Self.serving(Self.litellmJSON) { url in
            #expect(await Self.load(["LITELLM_MODEL_COST_MAP_URL": url])?.entry(named: "echo")?.price.inputPerToken == 0.001)
            #expect(await Self.load(["LITELLM_MODEL_COST_MAP_URL": url, "LITELLM_LOCAL_MODEL_COST_MAP": "True"]) == nil)
        }
        try await Self.serving(Self.rows) { url in
            #expect(await Self.load(["LITELLM_MODEL_COST_MAP_URL": url])?.entry(named: "gpt-4o-mini")?.price.inputPerToken == 0.01)
        }
    }

    @Test func anyFailureKeepsTheBundledMap() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bad = try directory.write("bad.json", #"{"echo": {"litellm_provider": "openai", "input_cost_per_token": 0.001"#)
        let empty = try directory.write("empty.json", "{}")
        let notAMap = try directory.write("notes.txt", "hello\n")
        for location in [bad, empty, notAMap, directory.path + "/missing.json", "http://127.0.0.1:\(try FreeLoopbackPort.pick())/map"] {
            #expect(await Self.load(["LITELLM_MODEL_COST_MAP_URL": location]) == nil, "\(location)")
        }
        try await Self.serving(#"{"error": "not found"}"#, status: .notFound) { url in
            #expect(await Self.load(["LITELLM_MODEL_COST_MAP_URL": url]) == nil)
        }
        try await Self.serving("<html>oops</html>") { url in
            #expect(await Self.load(["LITELLM_MODEL_COST_MAP_URL": url]) == nil)
        }
    }

    /// Through the binary: spend is priced with the refreshed map (a model only it knows, a price only it has); a map
    /// that cannot be read is a warning and the bundled map prices as before.
    @Test func theServedGatewayPricesWithTheRefreshedMapOrWarnsAndKeepsTheBundledOne() async throws {
        try await TestUpstream.withRunning { upstream, _ in
            try await Self.serving(Self.litellmJSON) { url in
                let cases: [(source: String, echo: Double, mini: Double)] = [
                    (url, 11 * 0.001 + 7 * 0.002, 11 * 0.01 + 7 * 0.02), ("/nonexistent/map.json", 0, (11 * 0.15 + 7 * 0.6) / 1e6),
                ]
                for (source, expectedEcho, expectedMini) in cases {
                    let (output, rows) = try await PricingTests.spend(
                        modelList: """
                              - model_name: echo
                                litellm_params: {model: openai/echo, api_base: \(upstream.baseURL)/v1}
                              - model_name: mini
                                litellm_params: {model: openai/gpt-4o-mini, api_base: \(upstream.baseURL)/v1}
                            """, generalSettings: "  model_cost_map_url: \(source)", calls: ["echo", "mini"])
                    let echo = try #require(rows.first { $0.model == "echo" })
                    let mini = try #require(rows.first { $0.model == "mini" })
                    // The test upstream reports 11 prompt and 7 completion tokens.
                    #expect(abs(echo.spend - expectedEcho) < 1e-12, "\(source): \(echo.spend)")
                    #expect(abs(mini.spend - expectedMini) < 1e-12, "\(source): \(mini.spend)")
                    if source == url {
                        #expect(output.contains("price map loaded"), "\(output)")
                        #expect(!output.contains(PriceSource.unknownPriceWarning), "\(output)")
                    } else {
                        #expect(output.contains("price map not loaded: keeping the bundled one"), "\(output)")
                        #expect(output.components(separatedBy: PriceSource.unknownPriceWarning).count - 1 == 1, "echo is reported once: \(output)")
                    }
                }
            }
        }
    }
}
