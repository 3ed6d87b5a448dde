import NIOCore
import Testing

@testable import GatewayCore

struct SSEParserTests {
    /// Feeds `text` in pieces of `size` bytes and collects every event, including the one `finish()` flushes.
    private func parse(_ text: String, pieceSize size: Int) -> [ServerSentEvent] {
        var parser = SSEParser()
        var events: [ServerSentEvent] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            events += parser.feed(bytes: bytes[start..<end])
            start = end
        }
        if let last = parser.finish() { events.append(last) }
        return events
    }

    private static let stream = """
        : keep-alive comment
        event: message_start
        data: {"type":"message_start"}

        data: {"a":1}

        id: 7
        retry: 1000
        data: first line
        data:second line
        data:  two spaces

        event: done
        data: [DONE]


        """

    private static let expected = [
        ServerSentEvent(event: "message_start", data: #"{"type":"message_start"}"#),
        ServerSentEvent(data: #"{"a":1}"#),
        ServerSentEvent(data: "first line\nsecond line\n two spaces"),
        ServerSentEvent(event: "done", data: "[DONE]"),
    ]

    @Test(arguments: [1, 2, 3, 7, 64, 10_000])
    func eventsSurviveAnyBufferBoundary(pieceSize: Int) {
        #expect(parse(Self.stream, pieceSize: pieceSize) == Self.expected)
    }

    @Test(arguments: [1, 5, 10_000])
    func crlfAndBareCRLineEndings(pieceSize: Int) {
        let lf = Self.stream
        #expect(parse(lf.replacingLineFeeds(with: "\r\n"), pieceSize: pieceSize) == Self.expected)
        #expect(parse(lf.replacingLineFeeds(with: "\r"), pieceSize: pieceSize) == Self.expected)
    }

    @Test func multiByteCharactersSplitAcrossBuffers() {
        #expect(parse("data: é 漢字 😀\n\n", pieceSize: 1) == [ServerSentEvent(data: "é 漢字 😀")])
    }

    @Test func eventsAreReturnedByTheFeedThatCompletesThem() {
        var parser = SSEParser()
        #expect(parser.feed(bytes: Array("data: a\n".utf8)).isEmpty)
        #expect(parser.feed(bytes: Array("\ndata: b\n\ndata: c".utf8)) == [ServerSentEvent(data: "a"), ServerSentEvent(data: "b")])
        #expect(parser.finish() == ServerSentEvent(data: "c"))
        #expect(parser.finish() == nil)
    }

    @Test func finishFlushesAnUnterminatedEvent() {
        var parser = SSEParser()
        #expect(parser.feed(bytes: Array("event: last\ndata: tail\n".utf8)).isEmpty)
        #expect(parser.finish() == ServerSentEvent(event: "last", data: "tail"))

        var empty = SSEParser()
        #expect(empty.feed(bytes: Array(": only a comment\n\n\n".utf8)).isEmpty)
        #expect(empty.finish() == nil)
    }

    @Test func emptyDataFieldAndFieldWithoutColon() {
        #expect(parse("data\n\ndata:\ndata: x\n\n", pieceSize: 4) == [ServerSentEvent(data: ""), ServerSentEvent(data: "\nx")])
    }

    @Test func unknownFieldsAndCommentsAreIgnored() {
        #expect(parse(":comment\nfoo: bar\ndata: d\n: another\n\n", pieceSize: 3) == [ServerSentEvent(data: "d")])
    }

    @Test func feedsByteBuffers() {
        var parser = SSEParser()
        let events = parser.feed(ByteBuffer(string: "data: {\"x\":true}\n\n"))
        #expect(events == [ServerSentEvent(data: #"{"x":true}"#)])
    }

    @Test func encodedEventsParseBack() {
        let events = [ServerSentEvent(event: "delta", data: "a\nb"), ServerSentEvent(data: "plain"), ServerSentEvent(data: "")]
        let wire = events.map(\.encoded).joined()
        #expect(wire.hasPrefix("event: delta\ndata: a\ndata: b\n\n"))
        #expect(parse(wire, pieceSize: 2) == events)
    }
}

extension String {
    fileprivate func replacingLineFeeds(with ending: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: ending)
    }
}
