import Foundation
import GatewayTesting
import Testing

/// schemathesis (PyPI) against a live gateway with every built-in plugin that serves routes, driven by the gateway's
/// own `/openapi.json`: generated valid and invalid inputs for every operation; no 5xx, and every status, content type
/// and body as documented (`Tests/sdk/schemathesis_pass.py`). `TOLLGATE_SKIP_SDK=1` disables it, as the SDK suites.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct SchemathesisTests {
    @Test(.timeLimit(.minutes(15)))
    func everyOperationHoldsToItsDocumentUnderGeneratedInputs() async throws {
        guard try await PythonSDKScript.canImport("schemathesis") else { return }
        try await ContractGateway.withRunning { gateway in
            let script = try ChildProcess(
                executable: "/usr/bin/env",
                arguments: [SDKCompatibilityTests.python, SDKCompatibilityTests.sdkFolder + "/schemathesis_pass.py"],
                environment: [
                    "GATEWAY_URL": gateway.baseURL, "GATEWAY_KEY": ContractGateway.masterKey, "PYTHONUNBUFFERED": "1",
                    "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
                ])
            // Bounded work (a fixed seed, at most 8 cases an operation) that took 380 s for its coverage phase alone on a
            // loaded 2-core machine: the limit leaves room for that. (`--workers 2` would halve it, but hypothesis then
            // trips over CPython 3.11's AST parser, which is not thread-safe.)
            let status = try await script.waitForExit(timeout: .seconds(840))
            #expect(status == 0, "schemathesis found failures:\n\(script.output.suffix(20_000))")
        }
    }
}
