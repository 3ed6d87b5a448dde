import GatewayCore
import GatewayTesting
import Testing

/// The `otel-tracing` plugin end to end: a gateway exports its spans to a loopback OTLP/HTTP receiver, and the upstream
/// sees the trace context of its attempt.
struct TracingOverHTTPTests {
    static let clientTraceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let clientSpanID = "00f067aa0ba902b7"
    static let clientParent = "00-\(clientTraceID)-\(clientSpanID)-01"

    static func plugins(receiver: TestEndpoint) -> String {
        """
        {"plugins": [{"name": "master-key-auth"},
          {"name": "otel-tracing", "config": {"endpoint": "\(receiver.baseURL)/v1/traces", "batch_delay_seconds": 0.05,
            "headers": {"x-otlp-token": "collector-token"}}}]}
        """
    }

    @Test func spanTreeKeepsTheClientTraceAndTheUpstreamJoinsIt() async throws {
        try await OTLPReceiver.withRunning { receiver, received in
            try await TestUpstream.withRunning { upstream, recorder in
                try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: Self.plugins(receiver: receiver)) {
                    gateway in
                    let reply = try await gateway.post(
                        "/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: GatewayFixture.masterKey,
                        headers: ["traceparent": Self.clientParent])
                    #expect(reply.status == 200)
                    let spans = try await received.wait { spans in
                        spans.contains { $0.kind == 2 } && spans.contains { $0.name == "tollgate.upstream" }
                    }
                    let trace = spans.filter { $0.traceID == Self.clientTraceID }
                    let requestSpans = trace.filter { $0.kind == 2 }
                    #expect(requestSpans.count == 1)
                    let requestSpan = try #require(requestSpans.first)
                    #expect(requestSpan.parentSpanID == Self.clientSpanID)
                    #expect(requestSpan.name == "POST /v1/chat/completions")
                    #expect(requestSpan.attributes["http.response.status_code"] == "200")

                    let children = trace.filter { $0.parentSpanID == requestSpan.spanID }
                    let hook = try #require(children.first { $0.name == "tollgate.hook.auth" })
                    #expect(hook.attributes["tollgate.plugin"] == "master-key-auth")
                    #expect(hook.attributes["tollgate.decision"] == "proceed")
                    let attempts = children.filter { $0.name == "tollgate.upstream" }
                    #expect(attempts.count == 1)
                    let attempt = try #require(attempts.first)
                    #expect(attempt.kind == 3)
                    #expect(attempt.attributes["tollgate.model_group"] == "gpt-test")
                    #expect(attempt.attributes["http.response.status_code"] == "200")
                    // Every span of the trace hangs off the request span.
                    #expect(trace.count == children.count + 1)

                    // The upstream joined the trace as a child of the attempt's span.
                    let upstreamParent = try #require(await recorder.last?.headers["traceparent"])
                    #expect(upstreamParent == "00-\(Self.clientTraceID)-\(attempt.spanID)-01")

                    // The exporter sent the configured headers.
                    #expect(await received.tokens.first == "collector-token")

                    // No key reaches a span.
                    let values = spans.flatMap { $0.attributes.values }
                    #expect(!values.contains { $0.contains(GatewayFixture.masterKey) || $0.contains(GatewayFixture.upstreamKey) })
                }
            }
        }
    }

    @Test func failedAttemptsAndARejectedRequestAreSpansWithErrors() async throws {
        try await OTLPReceiver.withRunning { receiver, received in
            try await TestUpstream.withRunning { upstream, _ in
                try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: Self.plugins(receiver: receiver)) {
                    gateway in
                    let failed = try await gateway.post(
                        "/v1/chat/completions", json: GatewayFixture.chat("openai-status-500"), key: GatewayFixture.masterKey)
                    #expect(failed.status == 502)
                    let refused = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: "sk-wrong")
                    #expect(refused.status == 401)
                    let spans = try await received.wait { spans in spans.filter { $0.kind == 2 }.count >= 2 }
                    let statuses = spans.filter { $0.kind == 2 }.compactMap { $0.attributes["http.response.status_code"] }.sorted()
                    #expect(statuses == ["401", "502"])
                    let attempt = try #require(spans.first { $0.name == "tollgate.upstream" })
                    #expect(attempt.attributes["error.type"] == "upstream_error")
                    let rejectedAuth = spans.first { $0.name == "tollgate.hook.auth" && $0.attributes["tollgate.decision"] == "skipped" }
                    #expect(rejectedAuth != nil)
                }
            }
        }
    }

    @Test func streamedRequestSpanEndsAfterTheLastChunk() async throws {
        try await OTLPReceiver.withRunning { receiver, received in
            try await TestUpstream.withRunning { upstream, _ in
                try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: Self.plugins(receiver: receiver)) {
                    gateway in
                    let reply = try await gateway.post(
                        "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", stream: true), key: GatewayFixture.masterKey,
                        headers: ["traceparent": Self.clientParent])
                    #expect(reply.status == 200)
                    #expect(reply.eventData.last == "[DONE]")
                    let spans = try await received.wait { spans in spans.contains { $0.kind == 2 } }
                    let requestSpan = try #require(spans.first { $0.kind == 2 && $0.traceID == Self.clientTraceID })
                    // The usage arrives in the stream's last chunk: a span ended at the first chunk would not have it.
                    #expect(requestSpan.attributes["gen_ai.usage.output_tokens"] != nil)
                    let attempt = try #require(spans.first { $0.name == "tollgate.upstream" })
                    #expect(attempt.parentSpanID == requestSpan.spanID)
                    #expect(attempt.attributes["http.response.status_code"] == "200")
                    // Only an auth plugin is enabled: one hook span.
                    #expect(spans.filter { $0.name.hasPrefix("tollgate.hook.") }.map(\.name) == ["tollgate.hook.auth"])
                }
            }
        }
    }

    @Test func withoutATracerTheClientTraceContextGoesUpstreamUnchanged() async throws {
        try await GatewayFixture.withGateway { gateway, recorder in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: GatewayFixture.masterKey,
                headers: ["traceparent": Self.clientParent, "tracestate": "vendor=abc"])
            #expect(reply.status == 200)
            let headers = try #require(await recorder.last?.headers)
            #expect(headers["traceparent"] == Self.clientParent)
            #expect(headers["tracestate"] == "vendor=abc")
        }
    }

    @Test func badConfigurationStopsStartup() async throws {
        for (config, key) in [
            (#"{"endpoint": "ftp://collector/v1/traces"}"#, "endpoint"), (#"{}"#, "endpoint"),
            (#"{"endpoint": "http://collector:4318/v1/traces", "protocol": "grpc"}"#, "protocol"),
            (#"{"endpoint": "http://collector:4318/v1/traces", "sample_ratio": 2}"#, "sample_ratio"),
            (#"{"endpoint": "http://collector:4318/v1/traces", "endpont": "x"}"#, "endpont"),
        ] {
            let plugins = #"{"plugins": [{"name": "otel-tracing", "config": \#(config)}]}"#
            let error = await #expect(throws: ConfigError.self) {
                try await TestGateway.withRunning(config: "model_list: []", plugins: plugins) { _ in }
            }
            #expect(error?.message.contains(key) == true, "\(config): \(error?.message ?? "")")
        }
    }
}
