import AsyncHTTPClient
import GatewayCore
import Logging

extension PluginContext {
    /// A context for calling a plugin factory in a test: empty config, no store, a silent logger.
    static func forTests(environment: [String: String] = [:]) -> PluginContext {
        PluginContext(
            logger: .silent, config: GatewayConfig(), store: nil, httpClient: HTTPClient.shared, environment: environment)
    }
}

extension Logger {
    /// A logger that drops everything (the Postgres pool logs its background work).
    static let silent = Logger(label: "tollgate.tests", factory: { _ in SwiftLogNoOpLogHandler() })
}
