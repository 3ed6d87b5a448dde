import Foundation
public import GatewayCore
import GatewayServer
import Hummingbird
import Logging

/// Starts a real Tollgate (the same builder `tollgate serve` uses) on a free loopback port, from config.yaml
/// and plugins.json text, for end-to-end tests.
public enum TestGateway {
    /// - Parameters:
    ///   - config: config.yaml text.
    ///   - plugins: plugins.json text; nil enables no plugin.
    ///   - extraPlugins: plugin types beyond the built-in ones.
    ///   - environment: the environment config references are resolved against.
    ///   - instanceID: the gateway's `--instance-id` (gateways of one test process sharing a database need their own).
    ///   - body: receives the gateway's address.
    public static func withRunning<T: Sendable>(
        config: String, plugins: String? = nil, extraPlugins: [any Plugin.Type] = [], environment: [String: String] = [:],
        instanceID: String? = nil, _ body: (TestEndpoint) async throws -> T
    ) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configPath = try directory.write("config.yaml", config)
        let pluginsPath = try plugins.map { try directory.write("plugins.json", $0.replacingOccurrences(of: "$TMP", with: directory.path)) }
        let options = ServerOptions(
            configPath: configPath, pluginsPath: pluginsPath, host: "127.0.0.1", port: 0, logLevel: .warning, environment: environment,
            instanceID: instanceID)
        return try await RunningServer.run({ onRunning in
            try await GatewayBuilder.makeApplication(options: options, plugins: BuiltinPlugins.all + extraPlugins, onServerRunning: onRunning)
        }) { port in
            try await body(TestEndpoint(port: port))
        }
    }
}

/// A scratch directory removed after the test.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "tollgate-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes a file; returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let file = path + "/" + name
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
