import GatewayCore
import Logging

/// Buffers spend-log rows and writes them in batches. A failed batch goes back to the front of the buffer; no row
/// is ever dropped.
actor SpendLogWriter {
    private let store: any SpendLogStore
    private let batchSize: Int
    private let maxBuffered: Int
    private let writeTimeout: Double
    private let logger: Logger
    private let metrics: SpendLogMetrics
    /// Where "spend flush failing" and "recovered" are published, once per change (the `alerts` plugin delivers).
    private let alerts: AlertChannel?
    private var failing = false
    private var buffer: [SpendLogEntry] = []
    /// The flush in progress; a second caller waits for it instead of writing the same rows concurrently.
    private var flushInProgress: Task<Bool, Never>?

    init(
        store: any SpendLogStore, batchSize: Int, maxBuffered: Int, writeTimeout: Double = 5, logger: Logger, metrics: SpendLogMetrics = .disabled,
        alerts: AlertChannel? = nil
    ) {
        self.alerts = alerts
        self.store = store
        self.metrics = metrics
        self.writeTimeout = writeTimeout
        self.batchSize = batchSize
        self.maxBuffered = maxBuffered
        self.logger = logger
    }

    var bufferedCount: Int { buffer.count }

    /// Buffers a row; never drops one. Past `maxBuffered` rows (the store has been failing for a while) each add
    /// that crosses another `maxBuffered` logs an error, so an operator sees memory growing.
    func add(_ entry: SpendLogEntry) async {
        buffer.append(entry)
        metrics.record(depth: buffer.count)
        if buffer.count % maxBuffered == 0 {
            logger.error("spend log rows are piling up; is the store down?", metadata: ["buffered": .stringConvertible(buffer.count)])
        }
        if buffer.count >= batchSize { await flush() }
    }

    /// Writes everything buffered, batch by batch; stops at the first failure and keeps the rest. A call made
    /// while another flush runs waits for it, then flushes what is left (so the shutdown flush never returns
    /// before a write in flight has landed).
    /// - Returns: whether the buffer is empty afterwards.
    @discardableResult
    func flush() async -> Bool {
        while let inFlight = flushInProgress { _ = await inFlight.value }
        // The task runs on this actor only once this method suspends, so it is registered before it starts,
        // and it unregisters itself before its value is delivered: waiters never see a finished flush.
        let flush = Task { await self.writeBufferedThenUnregister() }
        flushInProgress = flush
        return await flush.value
    }

    private func writeBufferedThenUnregister() async -> Bool {
        defer {
            flushInProgress = nil
            metrics.record(depth: buffer.count)
        }
        return await writeBuffered()
    }

    private func writeBuffered() async -> Bool {
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
                noteWrite(failed: error)
                return false
            }
            noteWrite(failed: nil)
        }
        return true
    }

    /// Publishes the store going from written to failing and back, once per change.
    private func noteWrite(failed error: (any Error)?) {
        guard (error != nil) != failing else { return }
        failing = error != nil
        let buffered = buffer.count
        if let error {
            alerts?.publish(
                Alert(
                    kind: .spendFlushFailing, subject: "spend-log", message: "spend log rows cannot be written; \(buffered) wait in memory",
                    details: ["buffered": .int(buffered), "error": .string(String("\(type(of: error))"))]))
        } else {
            alerts?.publish(Alert(kind: .spendFlushRecovered, subject: "spend-log", message: "spend log rows are written again"))
        }
    }
}
