import Foundation
import GatewayTesting
import Testing

/// The official OpenAI Python SDK's `client.responses` against a real gateway (`Tests/sdk/responses_check.py`), through
/// an OpenAI-format upstream (new conversations passed through to its `/v1/responses`, follow-ups translated) and an
/// Anthropic-format one, with responses stored in SQLite.
///
/// The interpreter is `TOLLGATE_PYTHON` (default `python3`), as for ``SDKCompatibilityTests``; `scripts/test` creates
/// the venv. `TOLLGATE_SKIP_SDK=1` disables the suite.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct ResponsesSDKTests {
    @Test(.timeLimit(.minutes(3)))
    func openAIPythonSDKResponsesPassAgainstTheGateway() async throws {
        let python = SDKCompatibilityTests.python
        let probe = try await ChildProcess.run("/usr/bin/env", [python, "-c", "import openai; openai.OpenAI.responses"])
        guard probe.status == 0 else {
            Issue.record("'\(python)' cannot import the openai SDK with client.responses; run scripts/test.\n\(probe.output)")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plugins = #"{"plugins": [{"name": "sqlite-store", "config": {"path": "\#(directory.path)/tollgate.db"}}, {"name": "master-key-auth"}]}"#
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: SDKCompatibilityTests.config(upstream: upstream), plugins: plugins) { gateway in
                let script = try ChildProcess(
                    executable: "/usr/bin/env",
                    arguments: [python, SDKCompatibilityTests.sdkFolder + "/responses_check.py"],
                    environment: [
                        "GATEWAY_URL": gateway.baseURL, "GATEWAY_KEY": SDKCompatibilityTests.masterKey, "PYTHONUNBUFFERED": "1",
                        "PYTHONDONTWRITEBYTECODE": "1", "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
                    ])
                let status = try await script.waitForExit(timeout: .seconds(150))
                #expect(status == 0, "responses_check.py failed:\n\(script.output)")
            }
        }
    }
}
