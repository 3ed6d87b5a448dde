import Foundation
import GatewayCore
import GatewayTesting
import MetricsTestKit
import Testing

/// The `http-callback` plugin against a loopback receiver that goes down and comes back.
@Suite struct HTTPCallbackTests {
    /// Runs a receiver and a gateway whose callback plugin posts to it.
    /// - Parameter config: extra keys of the callback's config (JSON members, without braces).
    static func withGateway(
        config: String, _ body: (TestEndpoint, RecordingReceiver, TestMetrics, LogCapture) async throws -> Void
    ) async throws {
        let name = UUID().uuidString
        try await RecordingReceiver.withRunning { receiver in
            try await TestUpstream.withRunning { upstream, _ in
                let plugins = """
                    {"plugins": [{"name": "master-key-auth"}, {"name": "counted-http-callback", "config": {
                      "metrics": "\(name)", "url": "\(receiver.url)", "headers": {"authorization": "Bearer sink-secret-123"},
                      "flush_interval_seconds": 0.05, "retry_initial_seconds": 0.05, "retry_max_seconds": 0.2, \(config)}}]}
                    """
                try await TestGateway.withRunning(
                    config: GatewayFixture.config(upstream: upstream), plugins: plugins, extraPlugins: [CountedHTTPCallbackPlugin.self]
                ) { gateway in
                    try await body(gateway, receiver, CountedHTTPCallbackPlugin.metrics(name), LogCapture.named(name))
                }
            }
        }
    }

    /// Sends `count` chats one after the other; - Returns: their request ids, in order.
    static func chats(_ gateway: TestEndpoint, _ count: Int) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "callback \(index)"), key: GatewayFixture.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            ids.append(try #require(reply.header("x-request-id")))
        }
        return ids
    }

    static func receivedIDs(_ receiver: RecordingReceiver) -> [String] {
        receiver.bodies.flatMap { $0.arrayValue ?? [] }.compactMap { $0["request_id"]?.stringValue }
    }

    /// Waits until the receiver refused `more` further POSTs than it had when called: then a POST that started
    /// after this call has been answered.
    static func waitForRefusals(_ receiver: RecordingReceiver, more: Int) async throws {
        let start = receiver.refused
        _ = try await receiver.wait("\(more) more refused POSTs") { $0.refused >= start + more ? true : nil }
    }

    @Test func recordsArriveAfterRecoveryInOrder() async throws {
        try await Self.withGateway(config: #""batch_size": 2, "max_queue": 1000"#) { gateway, receiver, metrics, capture in
            let before = try await Self.chats(gateway, 3)
            _ = try await receiver.wait("the first records") { Self.receivedIDs($0).count >= 3 ? true : nil }

            receiver.set(down: true)
            let during = try await Self.chats(gateway, 7)
            try await Self.waitForRefusals(receiver, more: 2)
            #expect(Self.receivedIDs(receiver) == before, "nothing is delivered while the receiver is down")
            receiver.set(down: false)

            let all = try await receiver.wait("every record") { Self.receivedIDs($0).count >= 10 ? Self.receivedIDs($0) : nil }
            #expect(all == before + during, "every record once, in request order")
            for batch in receiver.bodies { #expect((batch.arrayValue?.count ?? 0) <= 2, "batches hold at most batch_size") }
            #expect(receiver.headers.allSatisfy { $0["authorization"] == "Bearer sink-secret-123" })
            let record = try #require(receiver.bodies.first?.arrayValue?.first)
            #expect(record["model"]?.stringValue == "gpt-test")
            #expect(record["status"]?.stringValue == "success")
            #expect((record["prompt_tokens"]?.intValue ?? 0) > 0)
            #expect(!"\(receiver.bodies)".contains(GatewayFixture.masterKey) && !"\(receiver.bodies)".contains("callback 0"))
            #expect(try metrics.expectCounter("tollgate_callback_dropped_total").totalValue == 0)

            let messages = capture.all.map(\.message)
            #expect(messages.filter { $0.contains("unreachable") }.count == 1, "one line when it went down: \(messages)")
            #expect(messages.filter { $0.contains("taking records again") }.count == 1, "one line when it came back: \(messages)")
            #expect(!capture.all.map { "\($0.metadata)" }.joined().contains("sink-secret-123"), "the sink's header is never logged")
        }
    }

    @Test func fullQueueDropsExactlyTheOldest() async throws {
        let bound = 3
        let sent = 8
        try await Self.withGateway(config: #""batch_size": 1, "max_queue": \#(bound)"#) { gateway, receiver, metrics, capture in
            receiver.set(down: true)
            let ids = try await Self.chats(gateway, sent)
            let counter = try await receiver.wait("the drops") { _ in
                (try? metrics.expectCounter("tollgate_callback_dropped_total")).flatMap { $0.totalValue >= Int64(sent - bound) ? $0 : nil }
            }
            // A POST in flight when the last record was queued may carry a record dropped since; wait until one
            // that started afterwards was refused, so the next POST after recovery reads the final queue.
            try await Self.waitForRefusals(receiver, more: 2)
            receiver.set(down: false)

            let received = try await receiver.wait("the kept records") { Self.receivedIDs($0).count >= bound ? Self.receivedIDs($0) : nil }
            #expect(received == Array(ids.suffix(bound)), "the newest \(bound) arrive, in order; the oldest were dropped")
            // Nothing else may follow: the dropped records are gone for good.
            try await Task.sleep(for: .milliseconds(300))
            #expect(Self.receivedIDs(receiver) == Array(ids.suffix(bound)))
            #expect(counter.totalValue == Int64(sent - bound))
            let overflowLines = capture.all.filter { $0.message.contains("queue is full") }
            #expect(overflowLines.count == 1, "one line per overflow episode, not per record: \(capture.all.map(\.message))")
        }
    }
}
