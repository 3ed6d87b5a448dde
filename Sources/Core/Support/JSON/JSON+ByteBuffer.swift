public import NIOCore

/// ``JSON`` to and from SwiftNIO's `ByteBuffer`; kept apart so that the parser and the serializer need Foundation at most
/// (the fuzzers in `Fuzz/` compile them without SwiftNIO).
extension JSON {
    /// Writes the compact JSON text of this value into a `ByteBuffer`.
    public func serialized(allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        let bytes = serializedBytes()
        var buffer = allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return buffer
    }

    /// Parses the readable bytes of a buffer.
    public init(parsing buffer: ByteBuffer) throws(JSONParseError) {
        self = try buffer.withUnsafeReadableBytes { raw throws(JSONParseError) in try JSONParser.parse(raw) }
    }
}
