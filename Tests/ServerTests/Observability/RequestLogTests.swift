import Foundation
import GatewayCore
import GatewayTesting
import Logging
import Testing

/// The `request-log` plugin end to end: one line per request with the documented fields, no secrets, content only
/// with `log_content`, and JSON lines from the real binary.
@Suite struct RequestLogTests {
    static let prompt = "my private prompt 4711"

    /// A gateway with virtual keys and the captured request log; `body` gets the gateway and the capture.
    static func withGateway(logContent: Bool = false, _ body: (TestEndpoint, LogCapture) async throws -> Void) async throws {
        let name = UUID().uuidString
        let plugins = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "$TMP/tollgate.db"}}, {"name": "master-key-auth"}, {"name": "virtual-keys"},
              {"name": "captured-request-log", "config": {"capture": "\(name)", "log_content": \(logContent)}}]}
            """
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream), plugins: plugins, extraPlugins: [CapturedRequestLogPlugin.self]
            ) { gateway in
                try await body(gateway, LogCapture.named(name))
            }
        }
    }

    /// Waits for the `request` line of `requestID` (lines are written behind the response).
    static func line(_ capture: LogCapture, requestID: String) async throws -> Logger.Metadata {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let record = capture.all.first(where: { $0.message == "request" && $0.metadata["request_id"] == .string(requestID) }) {
                #expect(record.level == .info)
                return record.metadata
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("no request line for \(requestID): \(capture.all.map(\.message))")
    }

    static func text(_ value: Logger.Metadata.Value?) -> String? { value.map { "\($0)" } }

    @Test func requestLineHasTheFieldsAndNoSecrets() async throws {
        try await Self.withGateway { gateway, capture in
            let team = try await gateway.post("/team/new", json: ["team_id": "crew"], key: GatewayFixture.masterKey)
            #expect(team.status == 200, "\(team.body)")
            let generated = try await gateway.post(
                "/key/generate", json: ["key_alias": "ops-key", "team_id": "crew"], key: GatewayFixture.masterKey)
            let key = try #require(generated.json?["key"]?.stringValue, "\(generated.body)")
            let hash = try #require(generated.json?["token"]?.stringValue)

            let ok = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test", Self.prompt), key: key)
            #expect(ok.status == 200, "\(ok.body)")
            let line = try await Self.line(capture, requestID: try #require(ok.header("x-request-id")))
            #expect(line["key_alias"] == "ops-key")
            #expect(line["key_hash"] == .string(hash))
            #expect(line["team_id"] == "crew")
            #expect(line["model"] == "gpt-test")
            #expect(line["model_group"] == "gpt-test")
            #expect(line["deployment_id"] != nil)
            #expect(line["provider"] == "openai")
            #expect(line["status"] == "success")
            #expect(Self.text(line["http_status"]) == "200")
            #expect(Self.text(line["attempts"]) == "1")
            #expect(Self.text(line["streamed"]) == "false")
            #expect(Self.text(line["call_type"]) != nil)
            let tokens = try #require(Self.text(line["prompt_tokens"]).flatMap(Int.init))
            let completion = try #require(Self.text(line["completion_tokens"]).flatMap(Int.init))
            #expect(tokens > 0 && completion > 0)
            let cost = try #require(Self.text(line["cost"]).flatMap(Double.init))
            #expect(abs(cost - (Double(tokens) * 0.001 + Double(completion) * 0.002)) < 1e-9)
            let latency = try #require(Self.text(line["latency_ms"]).flatMap(Double.init))
            #expect(latency > 0)
            // Present once the pipeline records its timeline (or the attempt's latency); never above the total.
            if let upstream = line["upstream_ms"] { #expect(try #require(Self.text(upstream).flatMap(Double.init)) <= latency) }
            #expect(line["messages"] == nil && line["response"] == nil)

            let failed = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai-status-400", Self.prompt), key: key)
            #expect(failed.status == 400, "\(failed.body)")
            let failure = try await Self.line(capture, requestID: try #require(failed.header("x-request-id")))
            #expect(failure["status"] == "failure")
            #expect(Self.text(failure["http_status"]) == "400")
            #expect(failure["error_type"] != nil && failure["error_message"] != nil)

            let everything = capture.all.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            for secret in [key, GatewayFixture.masterKey, GatewayFixture.upstreamKey, Self.prompt, "upstream says"] {
                #expect(!everything.contains(secret), "the log holds '\(secret)'")
            }
        }
    }

    @Test func logContentAddsMessagesAndAnswerText() async throws {
        try await Self.withGateway(logContent: true) { gateway, capture in
            let plain = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", Self.prompt), key: GatewayFixture.masterKey)
            #expect(plain.status == 200, "\(plain.body)")
            let line = try await Self.line(capture, requestID: try #require(plain.header("x-request-id")))
            #expect(Self.text(line["messages"])?.contains(Self.prompt) == true, "\(line)")
            #expect(Self.text(line["response"])?.contains("upstream says") == true, "\(line)")

            let streamed = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "streamed 99", stream: true), key: GatewayFixture.masterKey)
            #expect(streamed.status == 200)
            let streamLine = try await Self.line(capture, requestID: try #require(streamed.header("x-request-id")))
            #expect(Self.text(streamLine["streamed"]) == "true")
            #expect(Self.text(streamLine["messages"])?.contains("streamed 99") == true)
            #expect(Self.text(streamLine["response"])?.contains("upstream says") == true, "\(streamLine)")
            let everything = capture.all.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            #expect(!everything.contains(GatewayFixture.masterKey) && !everything.contains(GatewayFixture.upstreamKey))
        }
    }

    /// `tollgate serve` with `litellm_settings.json_logs: true`: every line of output is a JSON object, and the
    /// request line carries the fields with numbers as numbers.
    @Test func servedBinaryWritesJSONLines() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestUpstream.withRunning { upstream, _ in
            let config = try directory.write(
                "config.yaml", GatewayFixture.config(upstream: upstream) + "\nlitellm_settings:\n  json_logs: true\n")
            let plugins = try directory.write("plugins.json", #"{"plugins": [{"name": "master-key-auth"}, {"name": "request-log"}]}"#)
            let server = try await ServedGateway.start(config: config, plugins: plugins, directory: directory.path)
            defer { server.process.kill() }
            let reply = try await server.endpoint.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", Self.prompt), key: GatewayFixture.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            let requestID = try #require(reply.header("x-request-id"))
            let output = try await server.process.waitForOutput(containing: #""request_id":"\#(requestID)""#, timeout: .seconds(30))
            server.process.kill()
            var requestLine: [String: Any]?
            for line in output.split(separator: "\n") where !line.isEmpty {
                let object = try JSONLogHandlerTests.object(String(line))
                #expect(object["timestamp"] is String && object["level"] is String && object["message"] is String, "\(line)")
                if object["request_id"] as? String == requestID { requestLine = object }
            }
            let line = try #require(requestLine)
            #expect(line["message"] as? String == "request")
            #expect(line["level"] as? String == "info")
            #expect(line["plugin"] as? String == "request-log")
            #expect(line["model"] as? String == "gpt-test")
            #expect((line["prompt_tokens"] as? Int ?? 0) > 0)
            #expect(line["latency_ms"] is Double || line["latency_ms"] is Int)
            #expect(!output.contains(GatewayFixture.masterKey) && !output.contains(GatewayFixture.upstreamKey) && !output.contains(Self.prompt))
        }
    }
}
