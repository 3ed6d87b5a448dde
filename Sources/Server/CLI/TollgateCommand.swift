import ArgumentParser
import Foundation
import GatewayCore
import Hummingbird
import Logging

struct TollgateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tollgate",
        abstract: "An OpenAI- and Anthropic-compatible LLM gateway with a plugin pipeline.",
        discussion: """
            Without a subcommand, `serve` runs. Typical use:
              tollgate serve --config config.yaml --plugins plugins.json --port 4000 --host 127.0.0.1
              tollgate migrate --config config.yaml --plugins plugins.json
              tollgate prices vertex_ai/gemini-2.5-pro --config config.yaml
            See `tollgate serve --help` for every option of the server.
            """,
        version: TollgateVersion.current,
        subcommands: [ServeCommand.self, MigrateCommand.self, PricesCommand.self],
        defaultSubcommand: ServeCommand.self)
}

/// Options shared by the commands that read the configuration files.
struct FileOptions: ParsableArguments {
    @Option(name: .long, help: "Path to config.yaml (LiteLLM format: model_list, general_settings, router_settings).")
    var config: String?

    @Option(name: .long, help: "Path to plugins.json: which plugins run, in order, with their config. Without it no plugin runs.")
    var plugins: String?
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway until SIGTERM or SIGINT, then drain in-flight requests and flush queued logs.")

    @OptionGroup var files: FileOptions

    @Option(name: .long, help: "Address to listen on. Use 0.0.0.0 to accept connections from other hosts.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0 picks a free port).")
    var port = 4000

    @Option(
        name: .long,
        help: "Log level: trace, debug, info, notice, warning, error, critical. Default: env TOLLGATE_LOG_LEVEL, then LITELLM_LOG, then info.")
    var logLevel: String?

    @Option(
        name: .long,
        help: """
            Log format: text, or json (one JSON object per line). Default: json when env JSON_LOGS=true or config.yaml sets \
            litellm_settings.json_logs: true, else text.
            """)
    var logFormat: String?

    @Option(
        name: .long,
        help: """
            Requests handled at once; past it the gateway answers 503 with retry-after (health, readiness and metrics \
            aside). 0 turns the limit off. Default: config.yaml's general_settings.global_max_parallel_requests, else 4096.
            """)
    var globalMaxParallelRequests: Int?

    @Option(
        name: .long,
        help: """
            This instance's name among gateways sharing one database: in every log line (instance_id), in /metrics \
            (tollgate_instance_info) and on its budget leases and rate-limit rows. Default: env TOLLGATE_INSTANCE_ID, \
            else hostname-pid.
            """)
    var instanceID: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // The config file is read once more by the builder; logging must be set up before anything logs.
        let litellmSettings = try files.config.map { try ConfigFile.load(path: $0, environment: environment).litellmSettings } ?? [:]
        let logging: LogSettings
        do {
            logging = try LogSettings.resolve(format: logFormat, level: logLevel, environment: environment, litellmSettings: litellmSettings)
        } catch let error as ConfigError {
            throw ValidationError(error.message)
        }
        logging.bootstrap()
        if let limit = globalMaxParallelRequests, limit < 0 { throw ValidationError("--global-max-parallel-requests must be 0 or more") }
        let instance = instanceID ?? environment["TOLLGATE_INSTANCE_ID"].flatMap { $0.isEmpty ? nil : $0 }
        if let instance, !InstanceID.isValid(instance) {
            throw ValidationError("--instance-id must be \(InstanceID.rule)")
        }
        let options = ServerOptions(
            configPath: files.config, pluginsPath: files.plugins, host: host, port: port, logLevel: logging.level, environment: environment,
            maxRequestsInFlight: globalMaxParallelRequests, instanceID: instance)
        let app = try await GatewayBuilder.makeApplication(options: options, plugins: KnownPlugins.types)
        try await app.runService()
    }
}
