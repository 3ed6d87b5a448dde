import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// During a SIGTERM drain, an answer to a request in flight on a kept-alive connection says `connection: close`, so
/// the client opens a new connection (to another instance) for its next request instead of sending it into a
/// connection the gateway is about to close.
@Suite(.timeLimit(.minutes(2)))
struct DrainConnectionCloseTests {
    @Test func anAnswerSentDuringTheDrainClosesItsConnection() async throws {
        try await HeldUpstream.withRunning { upstream in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let config = try directory.write(
                "config.yaml",
                """
                model_list:
                  - model_name: held
                    litellm_params: {model: openai/held, api_base: "\(upstream.apiBase)", api_key: sk-upstream, timeout: 120}
                general_settings:
                  master_key: \(ResilienceFixture.key)
                """)
            let plugins = try directory.write("plugins.json", GatewayFixture.authOnly)
            let server = try await ServedGateway.start(config: config, plugins: plugins, directory: directory.path)
            defer { server.process.kill() }

            let connection = try await RawConnection.open(port: server.endpoint.port)
            defer { connection.close() }
            // A first answer on the connection, before the drain, keeps it alive.
            try await connection.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\n\r\n")
            let before = try #require(await connection.waitForResponse(within: .seconds(30)), "\(connection.received)")
            #expect(before.headers["connection"]?.lowercased() != "close")

            let body = ResilienceFixture.chat("held", stream: false).serializedString()
            try await connection.send(
                "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer \(ResilienceFixture.key)\r\n"
                    + "content-type: application/json\r\ncontent-length: \(body.utf8.count)\r\n\r\n\(body)")
            try await withTimeout(seconds: 60) { try await upstream.gate.waitForArrivals(1) }
            server.process.signal(SIGTERM)
            // Give the server a moment to start its drain before the held call is answered.
            try await Task.sleep(for: .milliseconds(500))
            await upstream.gate.release()

            let during = try #require(
                await connection.waitForResponse(within: .seconds(30), after: before.length), "\(connection.received)")
            #expect(during.status == 200, "\(during.body)")
            #expect(during.headers["connection"]?.lowercased() == "close", "\(during.headers)")
            #expect(await connection.waitForClose(within: .seconds(30)))
            #expect(try await server.process.waitForExit(timeout: .seconds(30)) == 0, "\(server.process.output)")
        }
    }
}
