import GatewayCore
import HTTPCallback
import Logging
import MetricsTestKit
import RequestLog
import Synchronization

/// Log records a test captured, by test (each test names its own capture in the plugin's config).
final class LogCapture: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    private let records = Mutex<[Record]>([])
    private static let named = Mutex<[String: LogCapture]>([:])

    static func named(_ name: String) -> LogCapture {
        named.withLock { captures in
            if let capture = captures[name] { return capture }
            let capture = LogCapture()
            captures[name] = capture
            return capture
        }
    }

    func append(_ record: Record) { records.withLock { $0.append(record) } }
    var all: [Record] { records.withLock { $0 } }
}

/// A handler that keeps every record in a ``LogCapture``.
struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        capture.append(.init(level: event.level, message: event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }
}

/// `request-log` with its logger replaced by one that captures (`capture`: the ``LogCapture`` name).
enum CapturedRequestLogPlugin: Plugin {
    static let id = "captured-request-log"

    struct Configuration: PluginConfiguration {
        static let keys: Set<String> = ["capture", "log_content"]
        var capture: String
        var logContent: Bool

        enum CodingKeys: String, CodingKey { case capture, logContent = "log_content" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            capture = try container.decode(String.self, forKey: .capture)
            logContent = try container.decodeIfPresent(Bool.self, forKey: .logContent) ?? false
        }
    }

    static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        var context = context
        let capture = LogCapture.named(configuration.capture)
        context.logger = Logger(label: "tollgate") { _ in CapturingLogHandler(capture: capture) }
        return try await RequestLogPlugin.make(configuration: .init(logContent: configuration.logContent), context: context)
    }
}

/// `http-callback` recording its metrics into a ``TestMetrics`` (`metrics`: its name) and its log into a
/// ``LogCapture`` of the same name.
enum CountedHTTPCallbackPlugin: Plugin {
    static let id = "counted-http-callback"
    private static let registry = Mutex<[String: TestMetrics]>([:])

    static func metrics(_ name: String) -> TestMetrics {
        registry.withLock { all in
            if let metrics = all[name] { return metrics }
            let metrics = TestMetrics()
            all[name] = metrics
            return metrics
        }
    }

    struct Configuration: PluginConfiguration {
        static let keys: Set<String> = HTTPCallbackPlugin.Configuration.keys.union(["metrics"])
        var metrics: String
        var callback: HTTPCallbackPlugin.Configuration

        enum CodingKeys: String, CodingKey { case metrics }

        init(from decoder: any Decoder) throws {
            metrics = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .metrics)
            callback = try HTTPCallbackPlugin.Configuration(from: decoder)
        }
    }

    static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        var context = context
        context.metrics = GatewayMetrics(factory: metrics(configuration.metrics), exposition: nil)
        let capture = LogCapture.named(configuration.metrics)
        context.logger = Logger(label: "tollgate") { _ in CapturingLogHandler(capture: capture) }
        return try await HTTPCallbackPlugin.make(configuration: configuration.callback, context: context)
    }
}
