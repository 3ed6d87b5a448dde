import Foundation
import GatewayTesting
import Testing

/// `tollgate serve --instance-id` (or env `TOLLGATE_INSTANCE_ID`) names the instance in every log line and in
/// `/metrics`, so the logs and scrapes of gateways behind one load balancer can be told apart.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct InstanceIDTests {
    @Test func theFlagNamesTheInstanceInLogLinesAndMetrics() async throws {
        let (text, metrics) = try await serve(arguments: ["--instance-id", "gw-flag-1"], environment: ["TOLLGATE_INSTANCE_ID": "gw-env-ignored"])
        let started = text.split(separator: "\n").first { $0.contains("Server started") } ?? ""
        #expect(started.contains("instance_id=gw-flag-1"), "\(text)")
        let ready = text.split(separator: "\n").first { $0.contains("tollgate ready to start") } ?? ""
        #expect(ready.contains("instance_id=gw-flag-1"), "\(text)")
        #expect(!text.contains("gw-env-ignored"), "the flag wins over the environment:\n\(text)")
        #expect(metrics.contains(#"tollgate_instance_info{instance_id="gw-flag-1"} 1"#), "\(metrics)")
    }

    @Test func theEnvironmentNamesTheInstanceWithoutTheFlag() async throws {
        let (text, metrics) = try await serve(arguments: [], environment: ["TOLLGATE_INSTANCE_ID": "gw-env-2"])
        #expect(text.contains("instance_id=gw-env-2"), "\(text)")
        #expect(metrics.contains(#"tollgate_instance_info{instance_id="gw-env-2"} 1"#), "\(metrics)")
    }

    @Test func withoutEitherTheNameIsHostnameAndPid() async throws {
        let (text, metrics) = try await serve(arguments: [], environment: [:])
        let host = ProcessInfo.processInfo.hostName
        #expect(text.contains("instance_id=\(host)-"), "\(text)")
        #expect(metrics.contains(#"tollgate_instance_info{instance_id="\#(host)-"#), "\(metrics)")
    }

    @Test func aNameWithSpacesIsRefused() async throws {
        let result = try await ChildProcess.run(try CLITests.binary(), ["serve", "--instance-id", "two words", "--port", "0"])
        #expect(result.status != 0)
        #expect(result.output.contains("--instance-id"), "\(result.output)")
    }

    /// Serves a gateway with the `prometheus` plugin; returns its log so far and one scrape.
    private func serve(arguments: [String], environment: [String: String]) async throws -> (log: String, metrics: String) {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try directory.write("config.yaml", "model_list: []\n")
        let plugins = try directory.write("plugins.json", #"{"plugins": [{"name": "prometheus"}]}"#)
        let server = try await ServedGateway.start(
            config: config, plugins: plugins, directory: directory.path, environment: environment, arguments: arguments)
        defer { server.process.kill() }
        let scrape = try await server.endpoint.get("/metrics")
        #expect(scrape.status == 200)
        return (server.process.output, scrape.body)
    }
}
