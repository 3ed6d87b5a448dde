import Foundation
import GatewayTesting
import Testing

/// A Python script of `Tests/sdk/` run against a gateway with an official SDK, under `TOLLGATE_PYTHON` (default
/// `python3`; `scripts/test` makes a venv with the SDKs of `Tests/sdk/requirements.txt`).
enum PythonSDKScript {
    /// Whether the interpreter can import `modules`; records an issue saying how to get them when it cannot.
    static func canImport(_ modules: String) async throws -> Bool {
        let probe = try await ChildProcess.run("/usr/bin/env", [SDKCompatibilityTests.python, "-c", "import \(modules)"])
        if probe.status != 0 {
            let advice = "Run scripts/test (it creates the venv from Tests/sdk/requirements.txt), or set TOLLGATE_SKIP_SDK=1."
            Issue.record("'\(SDKCompatibilityTests.python)' cannot import \(modules). \(advice)\n\(probe.output)")
        }
        return probe.status == 0
    }

    /// Runs `Tests/sdk/<name>` with `GATEWAY_URL` and `GATEWAY_KEY` (and `environment`) and expects it to exit 0.
    static func run(_ name: String, gateway: TestEndpoint, key: String, environment: [String: String] = [:]) async throws {
        let base = [
            "GATEWAY_URL": gateway.baseURL, "GATEWAY_KEY": key, "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1",
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        ]
        let script = try ChildProcess(
            executable: "/usr/bin/env", arguments: [SDKCompatibilityTests.python, SDKCompatibilityTests.sdkFolder + "/" + name],
            environment: base.merging(environment) { _, own in own })
        let status = try await script.waitForExit(timeout: .seconds(150))
        #expect(status == 0, "\(name) failed:\n\(script.output)")
    }
}
