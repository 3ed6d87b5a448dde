import GatewayCore
import GatewayTesting
import Testing

/// Stream events that reach the gateway in one read leave it in one write, in every stream dialect, relayed or
/// translated; an event that has to wait for the upstream never holds back the ones before it.
@Suite struct StreamBatchingTests {
    let key = GatewayFixture.masterKey

    static let routes: [(path: String, provider: String)] = [
        ("/v1/chat/completions", "openai"), ("/v1/chat/completions", "anthropic"), ("/v1/messages", "anthropic"), ("/v1/messages", "openai"),
    ]

    static func body(path: String, model: String) -> JSON {
        if path == "/v1/messages" {
            return ["model": .string(model), "max_tokens": 64, "stream": true, "messages": [["role": "user", "content": "one two three"]]]
        }
        return GatewayFixture.chat(model, "one two three", stream: true)
    }

    @Test(arguments: routes)
    func eventsReadTogetherAreWrittenTogether(path: String, provider: String) async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let parts = try await StreamTiming.bodyParts(
                gateway, path: path, body: Self.body(path: path, model: "\(provider)-one-write-stream"), key: key)
            let text = parts.map(\.text).joined()
            let events = text.split(separator: "\n\n")
            #expect(events.count >= 7, "\(text)")
            #expect(events.contains { $0.contains(#""three "#) }, "\(text)")
            #expect(text.hasSuffix(path == "/v1/messages" ? "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n" : "data: [DONE]\n\n"))
            // All those events in one write: the client reads them in one piece.
            #expect(parts.count == 1, "\(path) to \(provider): \(parts.map(\.text))")
        }
    }

    @Test(arguments: routes)
    func aChunkIsNotHeldForOneStillToCome(path: String, provider: String) async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let arrivals = try await StreamTiming.chunkArrivals(
                gateway, path: path, body: Self.body(path: path, model: "\(provider)-slow-stream"), key: key)
            // The upstream pauses between its events; held chunks would arrive together at the end.
            let first = try #require(arrivals.first)
            let last = try #require(arrivals.last)
            #expect(arrivals.count >= 3)
            #expect(last - first >= TestUpstream.slowChunkDelay * 2)
        }
    }
}
