import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

@testable import UpstreamHTTP1

/// The lean upstream client against a loopback server that speaks raw HTTP/1.1: what it sends, keep-alive reuse,
/// streamed bodies, and every way an upstream can fail it.
@Suite struct HTTP1ClientTests {
    /// One event loop: connections are pooled per loop, and a caller that runs on none (as these tests) is given the
    /// next loop of the group, so with more loops the counts of connections below would depend on the turn.
    static let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let client = HTTP1Client(group: Self.loop, configuration: .init(connectTimeout: .seconds(2), idleTimeout: .seconds(60), readTimeout: .seconds(5)))

    func post(
        _ upstream: ScriptedUpstream, path: String = "/v1/chat/completions", body: String = #"{"model":"m"}"#, deadline: TimeAmount = .seconds(5)
    )
        async throws -> HTTP1Response
    {
        var headers = HTTPHeaders()
        headers.add(name: "authorization", value: "Bearer sk-upstream")
        headers.add(name: "content-type", value: "application/json")
        return try await client.execute(
            .POST, url: upstream.url + path, headers: headers, body: ByteBuffer(string: body), deadline: .now() + deadline)
    }

    func text(of response: HTTP1Response) async throws -> String {
        var collected = ""
        for try await piece in response.body { collected += String(buffer: piece) }
        return collected
    }

    @Test func sendsTheRequestAndReadsTheAnswer() async throws {
        try await ScriptedUpstream.withRunning(script: { _, _ in .send(ScriptedUpstream.ok(#"{"id":"a"}"#, headers: "x-upstream: 1\r\n")) }) {
            upstream in
            let response = try await post(upstream, path: "/v1/chat/completions?api-version=2024", body: #"{"model":"gpt"}"#)
            #expect(response.status == .ok)
            #expect(response.headers["x-upstream"] == ["1"])
            #expect(try await text(of: response) == #"{"id":"a"}"#)
            let request = try #require(upstream.requests.first)
            #expect(request.line == "POST /v1/chat/completions?api-version=2024 HTTP/1.1")
            #expect(request.header("host") == "127.0.0.1:\(upstream.port)")
            #expect(request.header("content-length") == "15")
            #expect(request.header("authorization") == "Bearer sk-upstream")
            #expect(request.body == #"{"model":"gpt"}"#)
        }
    }

    @Test func keepAliveConnectionIsReused() async throws {
        try await ScriptedUpstream.withRunning(script: { n, _ in .send(ScriptedUpstream.ok(#"{"n":\#(n)}"#)) }) { upstream in
            for n in 0..<5 {
                let answer = try await text(of: try await post(upstream))
                #expect(answer == #"{"n":\#(n)}"#)
            }
            #expect(upstream.connections == 1)
            #expect(upstream.requests.map(\.connection) == [1, 1, 1, 1, 1])
        }
    }

    @Test func requestsInFlightTogetherTakeAConnectionEach() async throws {
        // Each answer waits 200 ms: the three requests overlap, so none can wait for another's connection.
        try await ScriptedUpstream.withRunning(script: { _, _ in .trickle(["", ScriptedUpstream.ok("{}")], pause: .milliseconds(200)) }) { upstream in
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<3 { group.addTask { try await text(of: try await post(upstream)) } }
                for try await answer in group { #expect(answer == "{}") }
            }
            #expect(upstream.connections == 3)
            #expect(Set(upstream.requests.map(\.connection)).count == 3)
        }
    }

    @Test func connectionsPerTargetAreCappedAndRequestsPastTheCapWait() async throws {
        // Two loops, so the waiting requests come from both: a freed connection serves a waiter of its own loop, or
        // closes to give its slot to one on the other.
        let client = HTTP1Client(
            group: MultiThreadedEventLoopGroup.singleton, configuration: .init(connectTimeout: .seconds(2), maximumConnectionsPerTarget: 2))
        try await ScriptedUpstream.withRunning(script: { _, _ in .trickle(["", ScriptedUpstream.ok("{}")], pause: .milliseconds(100)) }) { upstream in
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let response = try await client.execute(
                            .GET, url: upstream.url + "/", headers: [:], body: nil, deadline: .now() + .seconds(5))
                        return try await text(of: response)
                    }
                }
                for try await answer in group { #expect(answer == "{}") }
            }
            #expect(upstream.requests.count == 6)
            #expect(upstream.connections - upstream.closedConnections <= 2)
            // Not the connections seen open at once: a connection closed to hand its slot over may still look open
            // here when its replacement arrives.
            #expect(upstream.peakAnswering == 2)
        }
        await client.shutdown()
    }

    @Test func aRequestWaitingForAConnectionFailsAfterTheConnectTimeout() async throws {
        let client = HTTP1Client(group: Self.loop, configuration: .init(connectTimeout: .milliseconds(300), maximumConnectionsPerTarget: 1))
        try await ScriptedUpstream.withRunning(script: { _, _ in .silence }) { upstream in
            let first = Task { try await client.execute(.GET, url: upstream.url + "/", headers: [:], body: nil, deadline: .now() + .seconds(3)) }
            try await waitUntil { upstream.requests.count == 1 }
            let start = ContinuousClock.now
            await #expect(throws: HTTP1ClientError.noConnectionFree) {
                _ = try await client.execute(.GET, url: upstream.url + "/", headers: [:], body: nil, deadline: .now() + .seconds(3))
            }
            #expect(ContinuousClock.now - start < .seconds(2))
            first.cancel()
            _ = await first.result
            #expect(upstream.connections == 1)
        }
        await client.shutdown()
    }

    @Test func connectionCloseAnswerIsNotReused() async throws {
        try await ScriptedUpstream.withRunning(script: { _, _ in .sendAndClose(ScriptedUpstream.ok("{}", headers: "connection: close\r\n")) }) {
            upstream in
            let answer = try await text(of: try await post(upstream))
            #expect(answer == "{}")
            let second = try await text(of: try await post(upstream))
            #expect(second == "{}")
            #expect(upstream.connections == 2)
        }
    }

    @Test func upstreamClosingAnIdleConnectionIsNoticedBeforeTheNextRequest() async throws {
        // The first answer keeps the connection alive, then the server closes it while it sits in the pool.
        let script: @Sendable (Int, ScriptedUpstream.Request) -> ScriptedUpstream.Reply = { n, _ in
            n == 0 ? .sendAndClose(ScriptedUpstream.ok("{}")) : .send(ScriptedUpstream.ok("{}"))
        }
        try await ScriptedUpstream.withRunning(script: script) { upstream in
            let answer = try await text(of: try await post(upstream))
            #expect(answer == "{}")
            try await waitUntil { upstream.closedConnections == 1 }
            try await Task.sleep(for: .milliseconds(50))
            let second = try await text(of: try await post(upstream))
            #expect(second == "{}")
            #expect(upstream.connections == 2)
        }
    }

    @Test func informationalHeadsAreSkipped() async throws {
        let answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </x>\r\n\r\n" + ScriptedUpstream.ok(#"{"ok":1}"#)
        try await ScriptedUpstream.withRunning(script: { _, _ in .send(answer) }) { upstream in
            let response = try await post(upstream)
            #expect(response.status == .ok)
            let first = try await text(of: response)
            #expect(first == #"{"ok":1}"#)
            // The next request on the same connection reads its own answer.
            let second = try await text(of: try await post(upstream))
            #expect(second == #"{"ok":1}"#)
            #expect(upstream.connections == 1)
        }
    }

    @Test func chunkedBodyStreamsPieceByPiece() async throws {
        let pieces = ["data: 1\n\n", "data: 2\n\n", "data: [DONE]\n\n"]
        let wire = [ScriptedUpstream.chunkedHead()] + pieces.map(ScriptedUpstream.chunk) + [ScriptedUpstream.lastChunk]
        try await ScriptedUpstream.withRunning(script: { _, _ in .trickle(wire, pause: .milliseconds(30)) }) { upstream in
            let response = try await post(upstream)
            var received: [String] = []
            for try await piece in response.body { received.append(String(buffer: piece)) }
            #expect(received == pieces)
            // The connection went back to the pool after the last chunk.
            let answer = try await text(of: try await post(upstream))
            #expect(answer == pieces.joined())
            #expect(upstream.connections == 1)
        }
    }

    @Test func largeBodyArrivesWholeThroughBackPressure() async throws {
        let body = String(repeating: "0123456789abcdef", count: 256 * 1024)
        try await ScriptedUpstream.withRunning(script: { _, _ in .send(ScriptedUpstream.ok(body)) }) { upstream in
            let response = try await post(upstream)
            var total = 0
            for try await piece in response.body {
                total += piece.readableBytes
                // A slow reader: the connection must hold its reads back, not lose bytes.
                if total < 1 << 20 { try await Task.sleep(for: .milliseconds(1)) }
            }
            #expect(total == body.utf8.count)
        }
    }

    @Test func bodyShorterThanItsContentLengthFails() async throws {
        try await ScriptedUpstream.withRunning(script: { _, _ in .sendAndClose("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"partial\"") }) {
            upstream in
            let response = try await post(upstream)
            await #expect(throws: (any Error).self) { _ = try await text(of: response) }
        }
    }

    @Test func closeBeforeTheHeadFails() async throws {
        try await ScriptedUpstream.withRunning(script: { _, _ in .sendAndClose("") }) { upstream in
            await #expect(throws: HTTP1ClientError.remoteConnectionClosed) { _ = try await post(upstream) }
        }
    }

    @Test func silentUpstreamFailsAtTheDeadline() async throws {
        try await ScriptedUpstream.withRunning(script: { _, _ in .silence }) { upstream in
            let start = ContinuousClock.now
            await #expect(throws: HTTP1ClientError.deadlineExceeded) { _ = try await post(upstream, deadline: .milliseconds(300)) }
            let waited = ContinuousClock.now - start
            #expect(waited >= .milliseconds(290) && waited < .seconds(4), "\(waited)")
            // The connection that timed out is closed, not pooled with its answer still to come.
            try await waitUntil { upstream.closedConnections == 1 }
        }
    }

    @Test func stalledBodyFailsAfterTheReadTimeout() async throws {
        let client = HTTP1Client(group: Self.loop, configuration: .init(connectTimeout: .seconds(2), readTimeout: .milliseconds(300)))
        try await ScriptedUpstream.withRunning(script: { _, _ in .send(ScriptedUpstream.chunkedHead() + ScriptedUpstream.chunk("data: 1\n\n")) }) {
            upstream in
            let response = try await client.execute(.GET, url: upstream.url + "/", headers: [:], body: nil, deadline: .now() + .seconds(5))
            var iterator = response.body.makeAsyncIterator()
            #expect(try await iterator.next().map { String(buffer: $0) } == "data: 1\n\n")
            await #expect(throws: HTTP1ClientError.readTimeout) { _ = try await iterator.next() }
        }
    }

    @Test func droppingABodyClosesItsConnection() async throws {
        let wire = [ScriptedUpstream.chunkedHead(), ScriptedUpstream.chunk("data: 1\n\n"), ScriptedUpstream.chunk("data: 2\n\n")]
        try await ScriptedUpstream.withRunning(script: { _, _ in .trickle(wire, pause: .milliseconds(20)) }) { upstream in
            do {
                let response = try await post(upstream)
                var iterator = response.body.makeAsyncIterator()
                _ = try await iterator.next()
            }
            // The rest of that answer would stand before the next one: the connection is closed, a new one opened.
            try await waitUntil { upstream.closedConnections == 1 }
        }
    }

    @Test func cancellingTheCallerFailsWithCancelled() async throws {
        try await ScriptedUpstream.withRunning(script: { _, _ in .silence }) { upstream in
            let call = Task { try await post(upstream) }
            try await waitUntil { upstream.requests.count == 1 }
            call.cancel()
            await #expect(throws: HTTP1ClientError.cancelled) { _ = try await call.value }
            try await waitUntil { upstream.closedConnections == 1 }
        }
    }

    @Test func refusedConnectionFailsAtOnce() async throws {
        let upstream = try await ScriptedUpstream(script: { _, _ in .silence })
        let url = upstream.url
        try await upstream.stop()
        let start = ContinuousClock.now
        await #expect(throws: NIOConnectionError.self) {
            _ = try await client.execute(.GET, url: url + "/", headers: [:], body: nil, deadline: .now() + .seconds(5))
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func malformedURLsAreNotServed() async throws {
        for url in ["ftp://example.com", "http://", "http://user@host/", "http://host:0/", "http://host:70000/"] {
            await #expect(throws: HTTP1ClientError.invalidURL, "\(url)") {
                _ = try await client.execute(.GET, url: url, headers: [:], body: nil, deadline: .now() + .seconds(1))
            }
        }
        #expect(client.serves("HTTP://localhost:8080/v1"))
        #expect(client.serves("https://api.openai.com/v1"))
        #expect(!client.serves("ftp://example.com"))
    }

    /// Polls `condition` every 10 ms for up to 5 s.
    func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
