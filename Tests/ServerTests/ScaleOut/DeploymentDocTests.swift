import Foundation
import GatewayTesting
import Testing

/// docs/deployment.md's example nginx.conf is one nginx accepts, and proxies the way ``NginxClusterTests`` measured:
/// the same proxy, retry and upstream settings as the configuration ``NginxBalancer`` runs.
struct DeploymentDocTests {
    @Test func exampleNginxConfigPassesNginxTestAndMatchesTheTestedOne() async throws {
        let binary = try NginxBalancer.binary()
        let example = try Self.exampleNginxConfig()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Only the listening port changes: 4000 may be taken on this machine, and `nginx -t` binds it.
        let port = try FreeLoopbackPort.pick()
        let config = try directory.write("nginx.conf", example.replacingOccurrences(of: "listen 4000;", with: "listen 127.0.0.1:\(port);"))
        let (status, output) = try await ChildProcess.run(
            binary, ["-t", "-p", directory.path, "-c", config, "-e", "stderr", "-g", "pid \(directory.path)/nginx.pid;"])
        #expect(status == 0, "nginx -t refuses the example in docs/deployment.md:\n\(output)")

        let tested = NginxBalancer.configuration(listenPort: 1, upstreamPorts: [2, 3, 4], prefix: directory.path)
        #expect(Self.proxyDirectives(example) == Self.proxyDirectives(tested), "the example proxies as the tested configuration does")
    }

    /// The first ```nginx block of docs/deployment.md.
    static func exampleNginxConfig() throws -> String {
        let text = try String(contentsOfFile: CLITests.packageRoot + "/docs/deployment.md", encoding: .utf8)
        guard let start = text.range(of: "```nginx\n"), let end = text.range(of: "\n```", range: start.upperBound..<text.endIndex) else {
            throw TestFailure("docs/deployment.md has no ```nginx block")
        }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// What decides how requests are balanced and retried, without comments, one per line: the `proxy_*`
    /// directives (not the temporary folder), `keepalive`, the error page, and each upstream server's parameters
    /// (its address left out).
    static func proxyDirectives(_ config: String) -> [String] {
        let lines = config.split(separator: "\n").map { String($0.prefix { $0 != "#" }).trimmingCharacters(in: .whitespaces) }
        return lines.compactMap { line in
            if line.hasPrefix("server "), line.contains("max_fails") { return line.split(separator: " ").dropFirst(2).joined(separator: " ") }
            let kept = ["proxy_", "keepalive ", "error_page ", "return 502 "].contains { line.hasPrefix($0) } && !line.hasPrefix("proxy_temp_path")
            return kept ? line : nil
        }
    }
}
