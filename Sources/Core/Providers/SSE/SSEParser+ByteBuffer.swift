public import NIOCore

/// Feeding an ``SSEParser`` from SwiftNIO; kept apart so that the parser needs no SwiftNIO (the fuzzers in `Fuzz/` compile
/// it alone).
extension SSEParser {
    /// Feeds bytes; returns the events they complete.
    public mutating func feed(_ buffer: ByteBuffer) -> [ServerSentEvent] {
        buffer.withUnsafeReadableBytes { feed(bytes: $0) }
    }
}
