import BedrockProvider
import NIOCore
import Testing

/// The event-stream decoder over frames built here (``EventStreamMessage/encoded()``): whole, split at every byte,
/// several per buffer; damaged and cut frames fail with their own error.
struct EventStreamDecoderTests {
    static let event = EventStreamMessage(
        headers: [
            (":event-type", .string("contentBlockDelta")), (":content-type", .string("application/json")), (":message-type", .string("event")),
        ],
        payload: ByteBuffer(string: #"{"contentBlockIndex":0,"delta":{"text":"Hello"},"p":"abcd"}"#))

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.update(CRC32.checksum(Array("1234".utf8)), with: Array("56789".utf8)) == 0xCBF4_3926)
    }

    @Test func decodesAMessageFedWhole() throws {
        var decoder = EventStreamDecoder()
        decoder.feed(Self.event.encoded())
        let message = try #require(try decoder.next())
        #expect(message == Self.event)
        #expect(message.eventType == "contentBlockDelta")
        #expect(message.messageType == "event")
        #expect(try decoder.next() == nil)
        try decoder.finish()
    }

    /// Frames from botocore's event-stream tests (`tests/unit/test_eventstream.py` at commit 0e6e2404, Apache 2.0):
    /// the empty message, every header type, an error message. Decoded to the same headers and re-encoded to the
    /// same bytes, CRCs included.
    static let botocoreVectors: [(bytes: [UInt8], message: EventStreamMessage)] = [
        ([0, 0, 0, 0x10, 0, 0, 0, 0, 0x05, 0xC2, 0x48, 0xEB, 0x7D, 0x98, 0xC8, 0xFF], EventStreamMessage(headers: [], payload: ByteBuffer())),
        (
            [0, 0, 0, 0x62, 0, 0, 0, 0x52, 0x03, 0xB5, 0xCB, 0x9C]
                + Array("\u{01}0\u{00}\u{01}1\u{01}\u{01}2\u{02}\u{02}\u{01}3\u{03}\u{00}\u{03}".utf8)
                + Array("\u{01}4\u{04}\u{00}\u{00}\u{00}\u{04}\u{01}5\u{05}\u{00}\u{00}\u{00}\u{00}\u{00}\u{00}\u{00}\u{05}".utf8)
                + Array("\u{01}6\u{06}\u{00}\u{05}bytes\u{01}7\u{07}\u{00}\u{04}utf8".utf8)
                + Array("\u{01}8\u{08}\u{00}\u{00}\u{00}\u{00}\u{00}\u{00}\u{00}\u{08}\u{01}9\u{09}0123456789abcdef".utf8) + [
                    0x63, 0x35, 0x36, 0x71,
                ],
            EventStreamMessage(
                headers: [
                    ("0", .bool(true)), ("1", .bool(false)), ("2", .byte(2)), ("3", .short(3)), ("4", .integer(4)), ("5", .long(5)),
                    ("6", .bytes(Array("bytes".utf8))), ("7", .string("utf8")), ("8", .timestamp(8)), ("9", .uuid(Array("0123456789abcdef".utf8))),
                ], payload: ByteBuffer())
        ),
        (
            [0, 0, 0, 0x52, 0, 0, 0, 0x42, 0xBF, 0x23, 0x63, 0x7E]
                + Array("\u{0D}:message-type\u{07}\u{00}\u{05}error\u{0B}:error-code\u{07}\u{00}\u{04}code".utf8)
                + Array("\u{0E}:error-message\u{07}\u{00}\u{07}message".utf8) + [0x6B, 0x6C, 0xEA, 0x3D],
            EventStreamMessage(
                headers: [(":message-type", .string("error")), (":error-code", .string("code")), (":error-message", .string("message"))],
                payload: ByteBuffer())
        ),
    ]

    @Test func matchesBotocoresFrames() throws {
        for (bytes, message) in Self.botocoreVectors {
            var decoder = EventStreamDecoder()
            decoder.feed(ByteBuffer(bytes: bytes))
            #expect(try decoder.next() == message)
            #expect(Array(message.encoded().readableBytesView) == bytes)
        }
    }

    @Test func decodesEveryHeaderType() throws {
        let message = EventStreamMessage(
            headers: [
                ("t", .bool(true)), ("f", .bool(false)), ("b", .byte(-3)), ("s", .short(-300)), ("i", .integer(70_000)),
                ("l", .long(-5_000_000_000)), ("y", .bytes([1, 2, 3])), ("u", .string("ünïcode")), ("ts", .timestamp(1_718_886_896_000)),
                ("id", .uuid(Array(0..<16))),
            ], payload: ByteBuffer())
        var decoder = EventStreamDecoder()
        decoder.feed(message.encoded())
        #expect(try decoder.next() == message)
    }

    @Test func decodesAcrossBuffersSplitAtEveryByte() throws {
        var stream = ByteBuffer()
        let second = EventStreamMessage(headers: [(":message-type", .string("event"))], payload: ByteBuffer(string: "{}"))
        stream.writeImmutableBuffer(Self.event.encoded())
        stream.writeImmutableBuffer(second.encoded())
        for split in 1..<stream.readableBytes {
            var decoder = EventStreamDecoder()
            var decoded: [EventStreamMessage] = []
            for part in [stream.getSlice(at: 0, length: split)!, stream.getSlice(at: split, length: stream.readableBytes - split)!] {
                decoder.feed(part)
                while let message = try decoder.next() { decoded.append(message) }
            }
            #expect(decoded == [Self.event, second], "split at \(split)")
            try decoder.finish()
        }
    }

    @Test func aFlippedPayloadBitIsAMessageCRCMismatch() throws {
        var bytes = Array(Self.event.encoded().readableBytesView)
        bytes[bytes.count - 10] ^= 0x01
        var decoder = EventStreamDecoder()
        decoder.feed(ByteBuffer(bytes: bytes))
        let error = try #require(throws: EventStreamError.self) { try decoder.next() }
        #expect(error.isChecksumMismatch)
        #expect("\(error)".contains("message CRC mismatch"))
    }

    @Test func aDamagedLengthIsAPreludeCRCMismatchNotAWait() throws {
        var bytes = Array(Self.event.encoded().readableBytesView)
        bytes[0] = 0x7F  // a total length of ~2 GiB: must not wait for it
        var decoder = EventStreamDecoder()
        decoder.feed(ByteBuffer(bytes: bytes))
        let error = try #require(throws: EventStreamError.self) { try decoder.next() }
        #expect(error.isChecksumMismatch)
        #expect("\(error)".contains("prelude CRC mismatch"))
    }

    @Test func impossibleLengthsWithAValidPreludeCRCAreRefused() throws {
        // Total 16 but headers 4: the headers cannot fit.
        var buffer = ByteBuffer()
        buffer.writeMultipleIntegers(UInt32(16), UInt32(4))
        buffer.writeInteger(CRC32.checksum(buffer.readableBytesView))
        buffer.writeInteger(UInt32(0))
        var decoder = EventStreamDecoder()
        decoder.feed(buffer)
        let error = try #require(throws: EventStreamError.self) { try decoder.next() }
        #expect("\(error)".contains("impossible lengths"))
    }

    @Test func aStreamCutInsideAMessageIsTruncated() throws {
        let bytes = Self.event.encoded()
        var decoder = EventStreamDecoder()
        decoder.feed(bytes.getSlice(at: 0, length: bytes.readableBytes - 5)!)
        #expect(try decoder.next() == nil)
        let error = try #require(throws: EventStreamError.self) { try decoder.finish() }
        #expect(error.isTruncated)
        #expect("\(error)".contains("5 more bytes"))
    }
}
