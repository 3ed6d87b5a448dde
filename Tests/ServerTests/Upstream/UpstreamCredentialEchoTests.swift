import Foundation
import GatewayCore
import GatewayTesting
import Logging
import SQLiteStore
import Testing

/// An upstream that quotes the credential it received in its error (debug proxies, some self-hosted servers) never
/// gets it relayed: not in the client's body or headers (the `x-tollgate-debug` trace included), plain or streamed,
/// OpenAI or Anthropic dialect, nor in the request-log line, the spend-log row or anything the process logs.
@Suite struct UpstreamCredentialEchoTests {
    /// The test upstream's modes that quote the credential (``TestUpstream``).
    static let modes = ["echo-key-400", "echo-key-401", "echo-key-500", "echo-key-text-502", "echo-key-long-400", "echo-key-stream"]

    /// The deployments' key, and the part of it that already gives it away: a key cut in two is a leak too.
    static let secret = GatewayFixture.upstreamKey
    static let secretStart = String(secret.prefix(8))

    static let debug = ["x-tollgate-debug": "true"]
    /// What the gateway puts in the key's place (``SecretScrubber/placeholder``).
    static let placeholder = "[redacted]"

    /// Whether `reply` carries any part of the key, in its body or any header.
    static func leaks(_ reply: TestEndpoint.Reply) -> Bool {
        reply.body.contains(secretStart) || reply.headers.contains { $0.1.contains(secretStart) }
    }

    /// Master-key auth, the captured request log and the spend log in SQLite.
    static func withGateway(_ body: (TestEndpoint, LogCapture, SQLiteGatewayStore) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capture = UUID().uuidString
        let plugins = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/tollgate.db"}}, {"name": "master-key-auth"},
              {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}},
              {"name": "captured-request-log", "config": {"capture": "\(capture)"}}]}
            """
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream), plugins: plugins, extraPlugins: [CapturedRequestLogPlugin.self]
            ) { gateway in
                try await body(gateway, LogCapture.named(capture), try SQLiteGatewayStore(path: directory.path + "/tollgate.db"))
            }
        }
    }

    /// The request's log line and spend-log row, once written (both are written behind the response).
    static func records(of reply: TestEndpoint.Reply, capture: LogCapture, store: SQLiteGatewayStore) async throws -> String {
        let id = try #require(reply.header("x-request-id"))
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let line = capture.all.first { $0.message == "request" && $0.metadata["request_id"] == .string(id) }
            if let line, let row = try await store.spendLog(requestID: id) {
                return "\(line.metadata) \(row.errorCode ?? "") \(row.metadata.serializedString())"
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("no request-log line or spend-log row for \(id)")
    }

    @Test(arguments: ["openai", "anthropic"])
    func plainErrorsQuoteNoCredential(format: String) async throws {
        let expected: [(mode: String, status: Int, code: String)] = [
            ("echo-key-400", 400, "upstream_rejected"), ("echo-key-401", 502, "upstream_auth_error"), ("echo-key-500", 502, "upstream_error"),
            ("echo-key-text-502", 502, "upstream_error"), ("echo-key-long-400", 400, "upstream_rejected"),
        ]
        try await Self.withGateway { gateway, capture, store in
            for expectation in expected {
                let model = "\(format)-\(expectation.mode)"
                let chat = try await gateway.post(
                    "/v1/chat/completions", json: GatewayFixture.chat(model), key: GatewayFixture.masterKey, headers: Self.debug)
                let body: JSON = ["model": .string(model), "max_tokens": 10, "messages": [["role": "user", "content": "x"]]]
                let messages = try await gateway.post(
                    "/v1/messages", json: body, headers: Self.debug.merging(["x-api-key": GatewayFixture.masterKey]) { $1 })
                for reply in [chat, messages] {
                    #expect(reply.status == expectation.status, "\(model): \(reply.body)")
                    #expect(reply.header("x-tollgate-debug") != nil, "\(model): the trace is on, so its error text is checked too")
                    #expect(!Self.leaks(reply), "\(model) leaks the key: \(reply.body) \(reply.headers)")
                    #expect(!(try await Self.records(of: reply, capture: capture, store: store)).contains(Self.secretStart), "\(model): logged")
                }
                #expect(chat.error?["code"]?.stringValue == expectation.code, "\(model): \(chat.body)")
                if !["echo-key-401", "echo-key-long-400"].contains(expectation.mode) {
                    // The upstream's message is still relayed, with the key taken out (the long one is cut inside the
                    // placeholder: taken out before the cut).
                    #expect(chat.body.contains(Self.placeholder), "\(model): \(chat.body)")
                }
            }
        }
    }

    @Test(arguments: ["openai", "anthropic"])
    func streamedErrorsQuoteNoCredential(format: String) async throws {
        try await Self.withGateway { gateway, capture, store in
            let model = "\(format)-echo-key-stream"
            let chat = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat(model, stream: true), key: GatewayFixture.masterKey, headers: Self.debug)
            let body: JSON = ["model": .string(model), "max_tokens": 10, "stream": true, "messages": [["role": "user", "content": "x"]]]
            let messages = try await gateway.post(
                "/v1/messages", json: body, headers: Self.debug.merging(["x-api-key": GatewayFixture.masterKey]) { $1 })
            // Committed streams: the failure arrives as the last event.
            #expect(chat.status == 200)
            #expect(chat.eventData.last?.contains(Self.placeholder) == true, "\(chat.body)")
            #expect(messages.status == 200)
            #expect(messages.events.last?.event == "error", "\(messages.body)")
            #expect(messages.events.last?.data.contains(Self.placeholder) == true, "\(messages.body)")
            for reply in [chat, messages] {
                #expect(!Self.leaks(reply), "\(model) leaks the key: \(reply.body) \(reply.headers)")
                #expect(!(try await Self.records(of: reply, capture: capture, store: store)).contains(Self.secretStart), "\(model): logged")
            }
        }
    }

    /// The real `tollgate serve` at trace level: nothing it writes holds the key, whatever the upstream quoted.
    @Test func theProcessLogsNoCredentialAtTraceLevel() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let config = try directory.write("config.yaml", GatewayFixture.config(upstream: upstream))
            let plugins = try directory.write("plugins.json", #"{"plugins": [{"name": "master-key-auth"}, {"name": "request-log"}]}"#)
            let server = try await ServedGateway.start(config: config, plugins: plugins, directory: directory.path, logLevel: "trace")
            defer { server.process.kill() }
            for format in ["openai", "anthropic"] {
                for mode in Self.modes {
                    let reply = try await server.endpoint.post(
                        "/v1/chat/completions", json: GatewayFixture.chat("\(format)-\(mode)", stream: mode.hasSuffix("stream")),
                        key: GatewayFixture.masterKey, headers: Self.debug)
                    #expect(!Self.leaks(reply), "\(format)-\(mode): \(reply.body)")
                }
            }
            #expect(await recorder.calls.count == 2 * Self.modes.count)
            server.process.signal(SIGTERM)
            #expect(try await server.process.waitForExit(timeout: .seconds(20)) == 0)
            let output = server.process.output
            // The request lines are there (with the upstream's error codes), without the key.
            #expect(output.contains("upstream_rejected"), "no request lines in the output")
            #expect(!output.contains(Self.secretStart), "the key appears in the process output")
        }
    }
}
