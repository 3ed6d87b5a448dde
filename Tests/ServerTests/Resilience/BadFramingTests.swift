import GatewayCore
import GatewayTesting
import Testing

/// Requests whose HTTP framing is broken get an OpenAI-shaped 4xx that says what was wrong, never a 500 or an empty
/// body, on a fresh connection and on a kept-alive one alike; the connection is closed after the answer (the bytes
/// after a framing error cannot be trusted to start a request).
struct BadFramingTests {
    let key = ResilienceFixture.key

    private func chatHead(extra: String) -> String {
        "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer \(key)\r\ncontent-type: application/json\r\n\(extra)\r\n"
    }

    /// The first complete response on `connection`, its JSON error code, and that the gateway closed the connection.
    private func expectRejection(
        _ connection: RawConnection, status: Int, code: String, after offset: Int = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> RawResponse {
        let response = try #require(
            await connection.waitForResponse(within: .seconds(30), after: offset), "no answer: \(connection.received)",
            sourceLocation: sourceLocation)
        #expect(response.status == status, "\(response.body)", sourceLocation: sourceLocation)
        #expect(try JSONParser.parse(response.body)["error"]?["code"]?.stringValue == code, "\(response.body)", sourceLocation: sourceLocation)
        #expect(response.headers["connection"]?.lowercased() == "close", sourceLocation: sourceLocation)
        #expect(await connection.waitForClose(within: .seconds(30)), sourceLocation: sourceLocation)
        return response
    }

    @Test(arguments: ["zz", "ffffffffffffffffffffffff", "-1"])
    func aBadChunkSizeGets400(chunkSize: String) async throws {
        try await ResilienceFixture.withGateway { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            try? await connection.send(chatHead(extra: "transfer-encoding: chunked\r\n") + "\(chunkSize)\r\n{\"model\"\r\n0\r\n\r\n")
            _ = try await expectRejection(connection, status: 400, code: "invalid_http")
        }
    }

    @Test func aTransferEncodingOtherThanChunkedGets400() async throws {
        try await ResilienceFixture.withGateway { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            try? await connection.send(chatHead(extra: "transfer-encoding: gzip\r\n") + "abc")
            _ = try await expectRejection(connection, status: 400, code: "invalid_http")
        }
    }

    @Test func garbageAfterAKeptAliveRequestGetsTheJSONError() async throws {
        try await ResilienceFixture.withGateway { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            try await connection.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\n\r\n")
            let first = try #require(await connection.waitForResponse(within: .seconds(30)), "no answer: \(connection.received)")
            #expect(first.status == 200)
            try? await connection.send("THIS IS NOT HTTP\r\n\r\n")
            _ = try await expectRejection(connection, status: 400, code: "invalid_http", after: first.length)
        }
    }

    /// Garbage that arrives with a request (pipelined) is answered after that request's response.
    @Test func garbagePipelinedBehindARequestIsAnsweredAfterIt() async throws {
        try await ResilienceFixture.withGateway { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            try? await connection.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\n\r\nTHIS IS NOT HTTP\r\n\r\n")
            let first = try #require(await connection.waitForResponse(within: .seconds(30)), "no answer: \(connection.received)")
            #expect(first.status == 200)
            _ = try await expectRejection(connection, status: 400, code: "invalid_http", after: first.length)
        }
    }

    /// 1,001 small header fields (about 11 KB, far under the 64 KiB byte limit) hit the default field-count limit,
    /// and the answer names that limit, not the byte limit.
    @Test func tooManyHeaderFieldsNamesTheCountLimit() async throws {
        try await ResilienceFixture.withGateway { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            try? await connection.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\n\((0..<1000).map { "x-f\($0): 1\r\n" }.joined())\r\n")
            let response = try await expectRejection(connection, status: 431, code: "too_many_request_headers")
            #expect(response.body.contains("1000 header fields"), "\(response.body)")
        }
        try await ResilienceFixture.withGateway(generalSettings: ["max_request_header_fields: 2000"]) { gateway, _ in
            let fits = try await RawConnection.open(port: gateway.port)
            try await fits.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\n\((0..<1500).map { "x-f\($0): 1\r\n" }.joined())\r\n")
            #expect(await fits.waitForResponse(within: .seconds(30))?.status == 200, "the configured limit applies")
            fits.close()
        }
    }

    @Test func aLargeHeadStillNamesTheByteLimit() async throws {
        try await ResilienceFixture.withGateway(generalSettings: ["max_request_header_size_kb: 8"]) { gateway, _ in
            let connection = try await RawConnection.open(port: gateway.port)
            try? await connection.send("GET /health/liveliness HTTP/1.1\r\nhost: x\r\nx-big: \(String(repeating: "b", count: 9 * 1024))\r\n\r\n")
            let response = try await expectRejection(connection, status: 431, code: "request_headers_too_large")
            #expect(response.body.contains("8192 bytes"), "\(response.body)")
        }
    }
}
