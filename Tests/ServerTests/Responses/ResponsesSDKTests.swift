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
        guard try await PythonSDKScript.canImport("openai; openai.OpenAI.responses") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plugins = #"{"plugins": [{"name": "sqlite-store", "config": {"path": "\#(directory.path)/tollgate.db"}}, {"name": "master-key-auth"}]}"#
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: SDKCompatibilityTests.config(upstream: upstream), plugins: plugins) { gateway in
                try await PythonSDKScript.run("responses_check.py", gateway: gateway, key: SDKCompatibilityTests.masterKey)
            }
        }
    }
}
