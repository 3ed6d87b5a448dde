import GatewayCore
import Hummingbird
import NIOCore

/// A stream's bytes held back while the next chunk is already in memory (``StreamChunk/nextIsReady``), so the events
/// the upstream sent in one read leave in one write: one flush and one `writev` instead of one per event.
///
/// Its writes are `@concurrent`, as Hummingbird's writer is (the writer cannot be sent from the caller's isolation).
struct StreamBatch {
    private var pending = ByteBuffer()

    mutating func append(_ text: String) {
        pending.writeString(text)
    }

    /// Writes what is held unless `chunk`'s successor is already here to go with it.
    @concurrent mutating func send(after chunk: StreamChunk, to writer: inout any ResponseBodyWriter) async throws {
        guard !chunk.nextIsReady else { return }
        try await flush(to: &writer)
    }

    @concurrent mutating func flush(to writer: inout any ResponseBodyWriter) async throws {
        guard pending.readableBytes > 0 else { return }
        try await writer.write(pending)
        pending.clear()
    }
}
