import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The docs' marked examples (``DocExample``), run against a real gateway so they cannot rot: each group's gateway
/// starts from the group's config.yaml and plugins.json (or the repository's, as `scripts/serve` runs them), then its
/// shell and Python blocks run in order against it and their output is compared with the output the page shows.
struct DocExamplesTests {
    static let examples = (try? DocExample.all()) ?? []
    static let groups = Array(Set(examples.map(\.group))).sorted()

    /// The newcomer's path must be among them: README and getting-started, from nothing to a key's spend.
    @Test func theNewcomerPathIsAnExecutedExample() throws {
        let newcomer = Self.examples.filter { $0.group == "newcomer" }
        #expect(newcomer.contains { $0.page == "docs/getting-started.md" && $0.text.contains("/team/new") })
        #expect(newcomer.contains { $0.text.contains("/key/generate") })
        #expect(newcomer.contains { $0.text.contains("/key/info") && $0.kind == "sh" })
        #expect(Self.groups.count >= 3, "\(Self.groups)")
    }

    @Test(.timeLimit(.minutes(3)), arguments: groups)
    func docsExamplesRun(group: String) async throws {
        let blocks = Self.examples.filter { $0.group == group }
        let root = DocExample.repositoryRoot
        let config = try blocks.first { $0.kind == "config.yaml" }?.text ?? String(contentsOfFile: root + "/config.example.yaml", encoding: .utf8)
        var plugins = try blocks.first { $0.kind == "plugins.json" }?.text ?? String(contentsOfFile: root + "/plugins.json", encoding: .utf8)
        // A store file named relative to where the gateway runs goes into the test's scratch directory.
        plugins = plugins.replacingOccurrences(of: #""path": ""#, with: #""path": "$TMP/"#)
        let environment = ["TOLLGATE_ENCRYPTION_KEY": "ZG9jcy1leGFtcGxlcy1lbmNyeXB0aW9uLWtleS0zMmI="]
        try await TestGateway.withRunning(config: config, plugins: plugins, environment: environment) { gateway in
            try await Self.run(blocks, against: gateway)
        }
    }

    /// Runs the group's `sh` and `python` blocks in page order, each output checked against an `output` block after it.
    static func run(_ blocks: [DocExample], against gateway: TestEndpoint) async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        // One shell for the group: each runnable block becomes a step, its output between markers.
        var script = "set -euo pipefail\ncd '\(scratch.path)'\n"
        var steps: [DocExample] = []
        // Python blocks use the official SDKs, which TOLLGATE_SKIP_SDK=1 leaves out (as the SDK suites).
        let skipPython = ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] == "1"
        for block in blocks where block.kind == "sh" || (block.kind == "python" && !skipPython) {
            let text = block.text.replacingOccurrences(of: "http://127.0.0.1:4000", with: gateway.baseURL)
            script += "echo '@@step \(steps.count)@@'\n"
            if block.kind == "sh" {
                script += text + "\n"
            } else {
                let file = try scratch.write("step\(steps.count).py", text)
                script += "\"$TOLLGATE_PYTHON\" \(file)\n"
            }
            steps.append(block)
        }
        script += "echo '@@end@@'\n"
        let python = ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"] ?? "python3"
        let run = try await ChildProcess.run(
            "/bin/bash", ["-c", script], environment: ["TOLLGATE_PYTHON": python, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"],
            timeout: .seconds(120))
        let where_ = steps.last.map { "\($0.page)" } ?? "?"
        #expect(run.status == 0 && run.output.contains("@@end@@"), "the examples of \(where_) failed:\n\(run.output)")
        // Each step's output, by its number.
        var outputs: [Int: String] = [:]
        for piece in run.output.components(separatedBy: "@@step ").dropFirst() {
            guard let close = piece.range(of: "@@\n") ?? piece.range(of: "@@") else { continue }
            let number = Int(piece[..<close.lowerBound]) ?? -1
            outputs[number] = String(piece[close.upperBound...]).components(separatedBy: "@@end@@")[0]
        }
        // An output block checks the runnable block just before it on its page.
        for block in blocks where block.kind == "output" {
            guard
                let step = steps.lastIndex(where: { $0.page == block.page && $0.line < block.line }),
                let printed = outputs[step]
            else {
                Issue.record("\(block.page):\(block.line): an output block with no example run before it")
                continue
            }
            let differences = DocOutputMatch.differences(expected: block.text, actual: printed)
            #expect(differences.isEmpty, "\(block.page):\(block.line) (after \(steps[step].page):\(steps[step].line)): \(differences)\n\(printed)")
        }
    }
}
