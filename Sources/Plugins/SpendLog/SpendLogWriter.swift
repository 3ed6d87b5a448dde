import GatewayCore
import Logging

/// Buffers spend-log rows and writes them in batches. A failed batch goes back to the front of the buffer.
actor SpendLogWriter {
    private let store: any SpendLogStore
    private let batchSize: Int
    private let maxBuffered: Int
    private let writeTimeout: Double
    private let logger: Logger
    private var buffer: [SpendLogEntry] = []
    private var isFlushing = false

    init(store: any SpendLogStore, batchSize: Int, maxBuffered: Int, writeTimeout: Double = 5, logger: Logger) {
        self.store = store
        self.writeTimeout = writeTimeout
        self.batchSize = batchSize
        self.maxBuffered = maxBuffered
        self.logger = logger
    }

    var bufferedCount: Int { buffer.count }

    func add(_ entry: SpendLogEntry) async {
        buffer.append(entry)
        if buffer.count > maxBuffered {
            buffer.removeFirst(buffer.count - maxBuffered)
            logger.error("spend log buffer full; the oldest rows were dropped", metadata: ["max_buffered": .stringConvertible(maxBuffered)])
        }
        if buffer.count >= batchSize { await flush() }
    }

    /// Writes everything buffered, batch by batch; stops at the first failure and keeps the rest.
    /// - Returns: whether the buffer is empty afterwards.
    @discardableResult
    func flush() async -> Bool {
        guard !isFlushing else { return false }
        isFlushing = true
        defer { isFlushing = false }
        while !buffer.isEmpty {
            let batch = Array(buffer.prefix(batchSize))
            buffer.removeFirst(batch.count)
            do {
                // Bounded, so an unreachable store cannot stall flushing (or shutdown) forever. A write that
                // timed out but landed is harmless: rows are unique by request id.
                try await withTimeout(seconds: writeTimeout) { [store] in try await store.appendSpendLogs(batch) }
            } catch {
                buffer.insert(contentsOf: batch, at: 0)
                logger.warning(
                    "spend log write failed; will retry", metadata: ["rows": .stringConvertible(batch.count), "error": .string("\(error)")])
                return false
            }
        }
        return true
    }
}
