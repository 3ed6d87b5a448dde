import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `tollgate serve --global-max-parallel-requests` overrides config.yaml's limit.
@Suite(.timeLimit(.minutes(2)))
struct ServeFlagTests {
    @Test func theFlagOverridesTheConfiguredLimit() async throws {
        try await HeldUpstream.withRunning { upstream in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let config = try directory.write(
                "config.yaml",
                """
                model_list:
                  - model_name: held
                    litellm_params: {model: openai/held, api_base: "\(upstream.apiBase)", api_key: sk-upstream, timeout: 120}
                  - model_name: quick
                    litellm_params: {model: openai/quick, api_base: "\(upstream.apiBase)", api_key: sk-upstream, timeout: 120}
                general_settings:
                  master_key: \(ResilienceFixture.key)
                  global_max_parallel_requests: 100
                """)
            let plugins = try directory.write("plugins.json", GatewayFixture.authOnly)
            let process = try ChildProcess(
                executable: try CLITests.binary(),
                arguments: [
                    "serve", "--config", config, "--plugins", plugins, "--port", "0", "--global-max-parallel-requests", "1",
                ],
                currentDirectory: directory.path)
            do {
                try await Self.checkLimitOfOne(process: process, upstream: upstream)
            } catch {
                await Self.stop(process)
                throw error
            }
            await Self.stop(process)
        }
    }

    private static func checkLimitOfOne(process: ChildProcess, upstream: HeldUpstream) async throws {
        let marker = "Server started and listening on 127.0.0.1:"
        let output = try await process.waitForOutput(containing: marker, timeout: .seconds(30))
        let gateway = TestEndpoint(port: Int(output[output.range(of: marker)!.upperBound...].prefix { $0.isNumber }) ?? 0)

        let held = try await ResilienceFixture.hold(1, on: gateway, upstream: upstream)
        let rejected = try await ResilienceFixture.call(gateway, "quick")
        #expect(rejected.status == 503, "\(rejected.body)")
        #expect(rejected.error?["code"] == "overloaded")
        await upstream.gate.release()
        #expect(try await held[0].value.status == 200)
    }

    /// Kills the server and reaps it: a child left unreaped keeps swift-testing's exit-test monitor busy.
    private static func stop(_ process: ChildProcess) async {
        process.kill()
        _ = try? await process.waitForExit(timeout: .seconds(30))
    }
}
