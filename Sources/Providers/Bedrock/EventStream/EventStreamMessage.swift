public import NIOCore

/// One message of an AWS event stream (`application/vnd.amazon.eventstream`): headers and a payload.
///
/// On the wire: total length (4 bytes, big-endian), headers length (4), CRC-32 of those 8 bytes (4), the headers
/// (name length (1), name, type (1), value), the payload, and the CRC-32 of everything before it (4).
public struct EventStreamMessage: Sendable, Equatable {
    /// The headers in the order received (names are unique in practice; ``header(_:)`` returns the first).
    public var headers: [(name: String, value: EventStreamHeaderValue)]
    public var payload: ByteBuffer

    /// The smallest message: prelude (12) and message CRC (4), no headers, no payload.
    public static let overhead = 16
    /// The largest message read or written: AWS's event streams cap a message at 16 MiB.
    public static let maximumLength = 16 * 1024 * 1024
    /// The largest headers section: AWS caps it at 128 KiB.
    public static let maximumHeadersLength = 128 * 1024

    public init(headers: [(name: String, value: EventStreamHeaderValue)], payload: ByteBuffer) {
        self.headers = headers
        self.payload = payload
    }

    /// The value of the first header named `name`.
    public func header(_ name: String) -> EventStreamHeaderValue? { headers.first { $0.name == name }?.value }

    /// `:message-type`: `event`, `exception` or `error`.
    public var messageType: String? { header(":message-type")?.stringValue }
    /// `:event-type` of an event (`messageStart`, `contentBlockDelta`, ...).
    public var eventType: String? { header(":event-type")?.stringValue }
    /// `:exception-type` of an exception (`throttlingException`, ...).
    public var exceptionType: String? { header(":exception-type")?.stringValue }

    /// The message's bytes on the wire, CRCs included.
    public func encoded() -> ByteBuffer {
        var headerBytes = ByteBuffer()
        for (name, value) in headers {
            let nameBytes = Array(name.utf8.prefix(255))
            headerBytes.writeInteger(UInt8(nameBytes.count))
            headerBytes.writeBytes(nameBytes)
            value.write(to: &headerBytes)
        }
        var buffer = ByteBuffer()
        let total = Self.overhead + headerBytes.readableBytes + payload.readableBytes
        buffer.writeMultipleIntegers(UInt32(clamping: total), UInt32(clamping: headerBytes.readableBytes))
        buffer.writeInteger(CRC32.checksum(buffer.readableBytesView))
        buffer.writeImmutableBuffer(headerBytes)
        buffer.writeImmutableBuffer(payload)
        buffer.writeInteger(CRC32.checksum(buffer.readableBytesView))
        return buffer
    }

    public static func == (left: Self, right: Self) -> Bool {
        left.payload == right.payload && left.headers.elementsEqual(right.headers) { $0.name == $1.name && $0.value == $1.value }
    }
}
