import Foundation
import GatewayTesting
import Testing

/// The official OpenAI and Anthropic Python SDKs against a real gateway (`Tests/sdk/sdk_check.py`).
///
/// The interpreter is `TOLLGATE_PYTHON` (default `python3`) and must import `openai` and `anthropic`;
/// `scripts/test` creates such a venv. `TOLLGATE_SKIP_SDK=1` disables the suite.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct SDKCompatibilityTests {
    static let masterKey = "sk-test-master"
    static let python = ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"] ?? "python3"
    static let sdkFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sdk").path

    @Test(.timeLimit(.minutes(3)))
    func officialPythonSDKsPassAgainstTheGateway() async throws {
        guard try await PythonSDKScript.canImport("openai, anthropic") else { return }
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: Self.config(upstream: upstream), plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#) {
                gateway in
                try await PythonSDKScript.run("sdk_check.py", gateway: gateway, key: Self.masterKey)
            }
        }
    }

    /// The models sdk_check.py calls, all served by one ``TestUpstream``.
    static func config(upstream: TestEndpoint) -> String {
        func entry(_ name: String, _ model: String, base: String) -> String {
            """
              - model_name: \(name)
                litellm_params:
                  model: \(model)
                  api_base: \(base)
                  api_key: sk-upstream
                  timeout: 20
            """
        }
        let models = [
            entry("gpt-test", "openai/echo", base: upstream.baseURL + "/v1"),
            entry("claude-test", "anthropic/echo", base: upstream.baseURL),
            entry("gpt-tools", "openai/tool-call", base: upstream.baseURL + "/v1"),
            entry("claude-tools", "anthropic/tool-call", base: upstream.baseURL),
        ]
        return """
            model_list:
            \(models.joined(separator: "\n"))
            general_settings:
              master_key: \(masterKey)
            """
    }
}
