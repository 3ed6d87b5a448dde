public import NIOCore

/// Decodes an AWS event stream incrementally: feed it the body's buffers as they arrive, take out each message as
/// soon as its last byte is in.
///
/// Both CRCs are checked: the prelude's before the lengths are trusted (so a damaged length never makes the decoder
/// wait for 4 GiB), the message's before it is returned. Lengths are range-checked against AWS's limits
/// (``EventStreamMessage/maximumLength``, ``EventStreamMessage/maximumHeadersLength``). A value type: the state is
/// the bytes not yet decoded.
///
/// ```swift
/// var decoder = EventStreamDecoder()
/// for try await buffer in body {
///     decoder.feed(buffer)
///     while let message = try decoder.next() { handle(message) }
/// }
/// try decoder.finish()  // throws if the body ended inside a message
/// ```
public struct EventStreamDecoder: Sendable {
    private var pending = ByteBuffer()

    public init() {}

    /// Appends bytes received.
    public mutating func feed(_ buffer: ByteBuffer) {
        if pending.readableBytes == 0 {
            pending = buffer
        } else {
            pending.writeImmutableBuffer(buffer)
        }
    }

    /// The next complete message; nil until more bytes are fed.
    /// - Throws: ``EventStreamError`` for a CRC mismatch, impossible lengths or a malformed header. The stream cannot
    ///   be resumed after one (message boundaries are lost).
    public mutating func next() throws -> EventStreamMessage? {
        guard pending.readableBytes >= 12,
            let (total, headersLength, preludeCRC) = pending.getMultipleIntegers(at: pending.readerIndex, as: (UInt32, UInt32, UInt32).self)
        else { return nil }
        let start = pending.readerIndex
        let computedPrelude = CRC32.checksum(pending.readableBytesView.prefix(8))
        guard computedPrelude == preludeCRC else { throw EventStreamError.preludeChecksum(expected: preludeCRC, computed: computedPrelude) }
        let totalLength = Int(total)
        let headerBytes = Int(headersLength)
        guard totalLength >= EventStreamMessage.overhead, totalLength <= EventStreamMessage.maximumLength,
            headerBytes <= EventStreamMessage.maximumHeadersLength, headerBytes <= totalLength - EventStreamMessage.overhead
        else { throw EventStreamError.badLength(total: totalLength, headers: headerBytes) }
        guard pending.readableBytes >= totalLength else { return nil }

        let view = pending.readableBytesView
        let computed = CRC32.checksum(view.prefix(totalLength - 4))
        let messageCRC = pending.getInteger(at: start + totalLength - 4, as: UInt32.self) ?? 0
        guard computed == messageCRC else { throw EventStreamError.messageChecksum(expected: messageCRC, computed: computed) }

        guard var headerSlice = pending.getSlice(at: start + 12, length: headerBytes),
            let payload = pending.getSlice(at: start + 12 + headerBytes, length: totalLength - EventStreamMessage.overhead - headerBytes)
        else { throw EventStreamError.badLength(total: totalLength, headers: headerBytes) }
        var headers: [(name: String, value: EventStreamHeaderValue)] = []
        while headerSlice.readableBytes > 0 {
            guard let nameLength = headerSlice.readInteger(as: UInt8.self), nameLength > 0,
                let nameBytes = headerSlice.readBytes(length: Int(nameLength)), let name = String(validating: nameBytes, as: UTF8.self),
                let value = EventStreamHeaderValue.read(from: &headerSlice)
            else { throw EventStreamError.badHeader }
            headers.append((name, value))
        }
        pending.moveReaderIndex(forwardBy: totalLength)
        if pending.readableBytes == 0 { pending.clear() } else { pending.discardReadBytes() }
        return EventStreamMessage(headers: headers, payload: payload)
    }

    /// Checks that the stream ended between messages.
    /// - Throws: ``EventStreamError`` (truncated) when bytes of an unfinished message are left.
    public func finish() throws {
        guard pending.readableBytes > 0 else { return }
        let total = pending.getInteger(at: pending.readerIndex, as: UInt32.self).map { Int($0) } ?? EventStreamMessage.overhead
        throw EventStreamError.truncated(missing: max(1, total - pending.readableBytes))
    }
}
