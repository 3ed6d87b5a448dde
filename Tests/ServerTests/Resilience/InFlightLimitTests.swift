import AsyncHTTPClient
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import Testing

/// `global_max_parallel_requests`: past it the gateway answers 503 `overloaded` with `retry-after` at once, probes
/// keep answering, and everything passes again once requests end.
struct InFlightLimitTests {
    let key = ResilienceFixture.key

    @Test func requestsPastTheLimitAreAnswered503AtOnce() async throws {
        let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "prometheus"}]}"#
        try await ResilienceFixture.withGateway(generalSettings: ["global_max_parallel_requests: 3"], plugins: plugins) { gateway, upstream in
            let held = try await ResilienceFixture.hold(3, on: gateway, upstream: upstream)

            // Answered while the three are still held upstream: the limit rejects, it does not queue.
            let rejected = try await ResilienceFixture.call(gateway, "quick")
            #expect(rejected.status == 503, "\(rejected.body)")
            #expect(rejected.error?["code"] == "overloaded")
            #expect(rejected.error?["type"] == "api_error")
            #expect(rejected.header("retry-after") == "1")
            #expect(rejected.header("x-request-id") != nil)
            let messages: JSON = ["model": "quick", "max_tokens": 5, "messages": [["role": "user", "content": "hi"]]]
            let anthropic = try await gateway.post("/v1/messages", json: messages, headers: ["x-api-key": key])
            #expect(anthropic.status == 503)
            #expect(anthropic.json?["type"] == "error")
            #expect(try await gateway.get("/v1/models", key: key).status == 503)

            // Probes and scrapes are not counted.
            for path in ["/health/liveliness", "/health/readiness", "/metrics"] {
                #expect(try await gateway.get(path).status == 200, "\(path)")
            }
            #expect(await upstream.gate.arrived == 3)

            await upstream.gate.release()
            for call in held {
                let reply = try await call.value
                #expect(reply.status == 200, "\(reply.body)")
            }
            #expect(try await ResilienceFixture.call(gateway, "quick").status == 200)
        }
    }

    /// A streamed answer holds its slot until its last byte, not just until its headers are sent.
    @Test func aStreamHoldsItsSlotUntilItEnds() async throws {
        try await ResilienceFixture.withGateway(generalSettings: ["global_max_parallel_requests: 1"]) { gateway, upstream in
            var request = HTTPClientRequest(url: gateway.baseURL + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "authorization", value: "Bearer \(key)")
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: ResilienceFixture.chat("held", stream: true).serializedString()))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
            #expect(response.status.code == 200)
            var body = response.body.makeAsyncIterator()
            var streamed = ""
            while !streamed.contains("first") {
                guard let buffer = try await body.next() else { break }
                streamed += String(buffer: buffer)
            }
            #expect(streamed.contains("first"))

            let rejected = try await ResilienceFixture.call(gateway, "quick")
            #expect(rejected.status == 503, "the open stream holds the only slot: \(rejected.body)")

            await upstream.gate.release()
            while let buffer = try await body.next() { streamed += String(buffer: buffer) }
            #expect(streamed.contains("[DONE]"))
            #expect(try await ResilienceFixture.call(gateway, "quick").status == 200)
        }
    }

    /// A client that leaves before its answer is written gives its slot back.
    @Test func aClientThatLeavesGivesItsSlotBack() async throws {
        try await ResilienceFixture.withGateway(generalSettings: ["global_max_parallel_requests: 1"]) { gateway, upstream in
            let leaving = try await RawConnection.open(port: gateway.port)
            let body = ResilienceFixture.chat("held", stream: true).serializedString()
            try await leaving.send(
                "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer \(key)\r\ncontent-type: application/json\r\n"
                    + "content-length: \(body.utf8.count)\r\n\r\n\(body)")
            try await withTimeout(seconds: 60) { try await upstream.gate.waitForArrivals(1) }
            leaving.close()
            await upstream.gate.release()
            // The slot comes back once the gateway notices the client is gone (at its next write).
            var status = 0
            for _ in 0..<300 where status != 200 {
                status = try await ResilienceFixture.call(gateway, "quick").status
                if status != 200 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(status == 200)
        }
    }
}
