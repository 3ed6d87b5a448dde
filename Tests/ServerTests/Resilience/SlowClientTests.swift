import GatewayCore
import GatewayTesting
import Testing

/// Slow and oversized clients, over raw sockets, against a gateway with 1 s timeouts and an 8 KiB header limit:
/// a dribbled head is cut at the header timeout (each byte does not buy more time), a stalled body gets a 408, an
/// oversized head gets a 431, an idle kept-alive connection is closed. A slow upstream is not a slow client.
struct SlowClientTests {
    let key = ResilienceFixture.key
    /// 1 s for heads and bodies; a long keep-alive unless a test is about it (a new connection is idle until its first
    /// byte, and a machine running the whole suite can take seconds between connecting and sending).
    static func settings(keepAlive: Int = 60) -> [String] {
        [
            "request_header_timeout_seconds: 1", "request_body_timeout_seconds: 1", "keep_alive_timeout_seconds: \(keepAlive)",
            "max_request_header_size_kb: 8",
        ]
    }

    @Test func aDribbledHeadIsCutAtTheHeaderTimeout() async throws {
        try await ResilienceFixture.withGateway(generalSettings: Self.settings()) { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            // Before the first byte: the head's deadline runs from it.
            let started = ContinuousClock.now
            try await connection.send("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\n")
            // A header byte every 200 ms, far more often than the 1 s timeout, for up to 30 s.
            let header = Array("x-slow: \(String(repeating: "a", count: 200))")
            var sent = 0
            while sent < header.count, !connection.isClosed {
                if (try? await connection.send(String(header[sent]))) == nil { break }
                sent += 1
                _ = await connection.wait(for: .milliseconds(200)) { _, closed in closed }
            }
            #expect(await connection.waitForClose(within: .seconds(30)), "still open after \(sent) bytes")
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .seconds(1), "closed before the header timeout: \(elapsed)")
            #expect(sent < header.count, "the whole head was dribbled without being cut")
            let response = try #require(RawResponse(parsing: connection.received))
            #expect(response.status == 408)
            #expect(response.headers["connection"] == "close")
            #expect(try JSONParser.parse(response.body)["error"]?["code"] == "request_timeout")
        }
    }

    /// A connection that never sends a byte is idle: closed at the keep-alive timeout, without an unsolicited 408.
    @Test func aSilentConnectionIsClosedWithoutAnAnswer() async throws {
        try await ResilienceFixture.withGateway(generalSettings: Self.settings(keepAlive: 1)) { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            #expect(await connection.waitForClose(within: .seconds(30)))
            #expect(connection.received.isEmpty, "\(connection.received)")
        }
    }

    @Test func aStalledBodyGets408() async throws {
        try await ResilienceFixture.withGateway(generalSettings: Self.settings()) { gateway, upstream in
            let connection = try await RawConnection.open(port: gateway.port)
            let body = ResilienceFixture.chat("quick").serializedString()
            try await connection.send(
                "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer \(key)\r\ncontent-type: application/json\r\n"
                    + "content-length: \(body.utf8.count)\r\n\r\n")
            // Half the body a byte at a time, one every 200 ms: never finished within the 1 s body timeout.
            for byte in body.prefix(body.count / 2) {
                if (try? await connection.send(String(byte))) == nil { break }
                if await connection.wait(for: .milliseconds(200), until: { text, closed in closed || !text.isEmpty }) { break }
            }
            let response = try #require(await connection.waitForResponse(within: .seconds(30)), "no answer: \(connection.received)")
            #expect(response.status == 408)
            #expect(response.headers["connection"] == "close")
            #expect(response.headers["x-request-id"] != nil)
            #expect(try JSONParser.parse(response.body)["error"]?["code"] == "request_timeout")
            #expect(await connection.waitForClose(within: .seconds(30)))
            #expect(await upstream.gate.arrived == 0)
        }
    }

    /// With a 3 s keep-alive timeout: requests every 300 ms for 3 s keep one connection open (the timer restarts
    /// with each answer); then, idle, it is closed, never sooner than 3 s after its last answer.
    @Test func anIdleKeptAliveConnectionIsClosedAndABusyOneIsNot() async throws {
        try await ResilienceFixture.withGateway(generalSettings: ["keep_alive_timeout_seconds: 3"]) { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            var offset = 0
            var answered = 0
            // When the request of the last answer was sent: the server's idle timer started after that.
            var lastAnsweredSend = ContinuousClock.now
            for _ in 0..<10 {
                let sent = ContinuousClock.now
                guard (try? await connection.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\n\r\n")) != nil,
                    let response = await connection.waitForResponse(within: .seconds(30), after: offset)
                else { break }
                #expect(response.status == 200)
                offset += response.length
                answered += 1
                lastAnsweredSend = sent
                _ = await connection.wait(for: .milliseconds(300)) { _, closed in closed }
                // Only a client that took longer than the timeout to send again (a very loaded machine) sees a close.
                if connection.isClosed { break }
            }
            #expect(answered >= 1)
            #expect(await connection.waitForClose(within: .seconds(30)))
            #expect(ContinuousClock.now - lastAnsweredSend >= .seconds(3), "closed sooner than the keep-alive timeout after an answer")
            #expect(connection.received.count == offset, "unsolicited bytes: \(connection.received.dropFirst(offset))")
        }
    }

    @Test func anOversizedHeadGets431() async throws {
        try await ResilienceFixture.withGateway(generalSettings: Self.settings()) { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            let big = String(repeating: "b", count: 9 * 1024)
            try? await connection.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\nx-big: \(big)\r\n\r\n")
            let response = try #require(await connection.waitForResponse(within: .seconds(30)), "no answer: \(connection.received)")
            #expect(response.status == 431)
            #expect(try JSONParser.parse(response.body)["error"]?["code"] == "request_headers_too_large")
            #expect(await connection.waitForClose(within: .seconds(30)))

            // Under the limit is fine.
            let fits = try await RawConnection.open(port: gateway.port)
            try await fits.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\nx-big: \(big.prefix(6 * 1024))\r\n\r\n")
            #expect(await fits.waitForResponse(within: .seconds(30))?.status == 200)
            fits.close()
        }
    }

    @Test func aMalformedRequestGetsAnOpenAIShaped400() async throws {
        try await ResilienceFixture.withGateway(generalSettings: Self.settings()) { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            try await connection.send("THIS IS NOT HTTP\r\n\r\n")
            let response = try #require(await connection.waitForResponse(within: .seconds(30)), "no answer: \(connection.received)")
            #expect(response.status == 400)
            #expect(try JSONParser.parse(response.body)["error"]?["code"] == "invalid_http")
            #expect(await connection.waitForClose(within: .seconds(30)))
        }
    }

    /// The gateway owing an answer is not the client being slow: a call held upstream longer than every client
    /// timeout still completes.
    @Test func aSlowUpstreamIsNotCutByClientTimeouts() async throws {
        try await ResilienceFixture.withGateway(generalSettings: Self.settings()) { gateway, upstream in
            let held = try await ResilienceFixture.hold(1, on: gateway, upstream: upstream)
            try await Task.sleep(for: .milliseconds(2500))
            await upstream.gate.release()
            let reply = try await held[0].value
            #expect(reply.status == 200, "\(reply.body)")
        }
    }
}
