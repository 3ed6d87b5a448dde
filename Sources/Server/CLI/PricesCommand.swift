import ArgumentParser
import AsyncHTTPClient
import Foundation
import GatewayCore
import Logging

/// `tollgate prices <model>`: how a model's price resolves, from the same sources `serve` uses (the deployment's own
/// costs, config.yaml's `model_prices`, the price map, refreshed from `LITELLM_MODEL_COST_MAP_URL` or
/// `general_settings.model_cost_map_url` when set).
struct PricesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Show how a model is priced: the source and key that matched, every price, the limits.",
        discussion: """
            MODEL is a model_list model_name of --config (each deployment is shown), or a model as litellm_params.model \
            names it (vertex_ai/gemini-2.5-pro, bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0), or a bare name (gpt-4o).
            """)

    @Argument(help: "A model_list model name, a provider/model, or a bare model name.")
    var model: String

    @Option(name: .long, help: "Path to config.yaml: its model_list, model_prices and general_settings.model_cost_map_url.")
    var config: String?

    func run() async throws {
        var environment = ProcessInfo.processInfo.environment
        // Prices need no secret: an `os.environ/NAME` of the file that is not set reads as a placeholder, so that
        // `tollgate prices` works where the API keys are not (a placeholder that is a URL passes `api_base`'s check).
        if let config, let text = try? String(contentsOfFile: config, encoding: .utf8) {
            for name in Self.referencedVariables(in: text) where environment[name] == nil { environment[name] = "http://unset.invalid" }
        }
        var loaded = try config.map { try ConfigFile.load(path: $0, environment: environment) } ?? GatewayConfig()
        // Messages about the map go to stderr, the report to stdout.
        let logger = Logger(label: "tollgate.prices") { StreamLogHandler.standardError(label: $0) }
        let client = GatewayBuilder.makeHTTPClient()
        let map = await PriceMapRefresh.load(environment: environment, generalSettings: loaded.generalSettings, client: client, logger: logger)
        try await client.shutdown()
        if let map {
            if let config {
                loaded = try ConfigFile.load(path: config, environment: environment, priceMap: map)
            } else {
                loaded.prices.map = map
            }
        }
        let report = PricesReport(model: model, config: loaded)
        print(report.text, terminator: "")
        if !report.found { throw ExitCode(1) }
    }

    /// The names of the `os.environ/NAME` references in `text`.
    static func referencedVariables(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let found = rest.range(of: "os.environ/") {
            let name = rest[found.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            if !name.isEmpty { names.insert(String(name)) }
            rest = rest[found.upperBound...]
        }
        return names
    }
}
