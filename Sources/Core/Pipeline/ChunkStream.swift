/// A pull-based, type-erased stream of ``StreamChunk``s.
///
/// Each `next()` pulls from the upstream connection, so a slow client slows the upstream read instead of
/// filling memory. Transforms (translation, guardrails, accounting) wrap the `next` closure.
public struct ChunkStream: AsyncSequence, Sendable {
    public typealias Element = StreamChunk

    private let makeNext: @Sendable () -> @Sendable () async throws -> StreamChunk?

    /// - Parameter makeNext: called once per iteration; returns the function that yields the next chunk, nil at the end.
    public init(_ makeNext: @escaping @Sendable () -> @Sendable () async throws -> StreamChunk?) {
        self.makeNext = makeNext
    }

    /// A stream over chunks already in memory (the fake provider, tests).
    public init(_ chunks: [StreamChunk]) {
        self.init {
            let box = ChunkCursor(chunks)
            return { box.next() }
        }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextChunk: @Sendable () async throws -> StreamChunk?
        public mutating func next() async throws -> StreamChunk? { try await nextChunk() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(nextChunk: makeNext()) }

    /// A stream whose chunks pass through `transform`; a nil result drops the chunk.
    public func compactMap(_ transform: @escaping @Sendable (StreamChunk) async throws -> StreamChunk?) -> ChunkStream {
        let upstream = self
        return ChunkStream {
            let iterator = IteratorBox(upstream.makeAsyncIterator())
            return {
                while let chunk = try await iterator.next() {
                    if let transformed = try await transform(chunk) { return transformed }
                }
                return nil
            }
        }
    }
}

/// Holds an iterator for a `@Sendable` closure. Safe because a stream is consumed by one task at a time.
final class IteratorBox: @unchecked Sendable {
    private var iterator: ChunkStream.AsyncIterator
    init(_ iterator: ChunkStream.AsyncIterator) { self.iterator = iterator }
    func next() async throws -> StreamChunk? { try await iterator.next() }
}

final class ChunkCursor: @unchecked Sendable {
    private var remaining: ArraySlice<StreamChunk>
    init(_ chunks: [StreamChunk]) { remaining = chunks[...] }
    func next() -> StreamChunk? { remaining.popFirst() }
}
