import Foundation
import GatewayTesting
import Testing

/// The admin UI in headless Chromium (Debian's `chromium` and `chromium-driver`, driven by Selenium from PyPI):
/// `Tests/ui/browser_check.py` against two real gateways, one with a 3-second session lifetime. It takes a
/// screenshot of each page: into docs/ui/ with `TOLLGATE_UI_SCREENSHOTS=1` (how docs/ui.md's pictures are made),
/// else into a scratch directory, so a test run leaves the checkout as it was. `TOLLGATE_SKIP_SDK=1` skips it with
/// the other Python suites.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct AdminUIBrowserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func adminAndUserWorkInTheBrowser() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            Issue.record("Chromium is missing: run scripts/apt-deps --tests (it installs chromium and chromium-driver).")
            return
        }
        guard try await PythonSDKScript.canImport("selenium") else { return }
        let screenshots =
            ProcessInfo.processInfo.environment["TOLLGATE_UI_SCREENSHOTS"] == "1"
            ? Self.repository.appendingPathComponent("docs/ui")
            : FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-ui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        try await UIGateway.run { gateway in
            try await UIGateway.run(sessionTTL: 3) { short in
                try await PythonSDKScript.run(
                    "../ui/browser_check.py", gateway: gateway, key: UIGateway.master,
                    environment: [
                        "SHORT_URL": short.baseURL, "SHORT_TTL": "3", "MODEL": UIGateway.model,
                        "SCREENSHOT_DIR": screenshots.path,
                    ])
            }
        }
    }
}
