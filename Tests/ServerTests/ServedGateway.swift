import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import SQLiteStore
import Testing

/// A `tollgate serve` child listening on a port it picked itself.
struct ServedGateway {
    let process: ChildProcess
    let endpoint: TestEndpoint

    /// Starts `tollgate serve --port 0`, reads the bound port from its log and waits until `/health/liveliness` answers.
    /// - Parameters:
    ///   - environment: added to the child's environment.
    ///   - logLevel: `--log-level`.
    ///   - arguments: more `serve` options.
    static func start(
        config: String, plugins: String, directory: String, environment: [String: String] = [:], logLevel: String = "info",
        arguments: [String] = []
    ) async throws -> ServedGateway {
        let process = try ChildProcess(
            executable: try CLITests.binary(),
            arguments: ["serve", "--config", config, "--plugins", plugins, "--host", "127.0.0.1", "--port", "0", "--log-level", logLevel]
                + arguments,
            environment: environment, currentDirectory: directory)
        do {
            let marker = "Server started and listening on 127.0.0.1:"
            let output = try await process.waitForOutput(containing: marker, timeout: .seconds(30))
            let digits = output[output.range(of: marker)!.upperBound...].prefix { $0.isNumber }
            guard let port = Int(digits), port > 0 else { throw TestFailure("no port in the server's log:\n\(output)") }
            let endpoint = TestEndpoint(port: port)
            let health = try await endpoint.get("/health/liveliness")
            guard health.status == 200 else { throw TestFailure("liveliness answered \(health.status): \(health.body)") }
            return ServedGateway(process: process, endpoint: endpoint)
        } catch {
            process.kill()
            throw error
        }
    }
}
