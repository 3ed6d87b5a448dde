import GatewayCore
import Logging

/// Takes spend-log rows from the logging hook and writes them to the store in batches; no row is ever dropped.
///
/// With a journal, each row is appended to it as it arrives (one `write(2)`, in the logging consumer, never on the
/// request path) and kept in a bounded ``SpendBacklog``: past `maxBuffered` rows memory stops growing and rows are
/// read back from the journal when their turn comes. A row leaves the journal only once a store write that holds
/// it succeeded; a write that failed (or timed out, perhaps after landing) is retried, and the store skips
/// request ids it already has, so each row is stored and counted once. Without a journal rows wait in memory only.
actor SpendLogWriter {
    private let store: any SpendLogStore
    /// Whose budget leases the rows' spend moves out of (``SpendLogStore/appendSpendLogs(_:instanceID:)``).
    private let instanceID: String?
    private let batchSize: Int
    private let maxBuffered: Int
    private let writeTimeout: Double
    private let logger: Logger
    private let metrics: SpendLogMetrics
    /// Where "spend flush failing" and "recovered" are published, once per change (the `alerts` plugin delivers).
    private let alerts: AlertChannel?
    /// nil without a journal, and once closed.
    private var journal: SpendJournal?
    private var backlog: SpendBacklog
    private var failing = false
    private var journalFailing = false
    /// The flush in progress; a second caller waits for it instead of writing the same rows concurrently.
    private var flushInProgress: Task<Bool, Never>?

    init(
        store: any SpendLogStore, batchSize: Int, maxBuffered: Int, writeTimeout: Double = 5, journal: SpendJournal? = nil, logger: Logger,
        metrics: SpendLogMetrics = .disabled, alerts: AlertChannel? = nil, instanceID: String? = nil
    ) {
        self.instanceID = instanceID
        self.alerts = alerts
        self.store = store
        self.metrics = metrics
        self.writeTimeout = writeTimeout
        self.batchSize = batchSize
        self.maxBuffered = maxBuffered
        self.logger = logger
        self.journal = journal
        let leftover = journal.flatMap { $0.hasRows ? (start: $0.start, rows: $0.adoptedLines) : nil }
        backlog = SpendBacklog(capacity: maxBuffered, leftover: leftover)
        metrics.record(depth: backlog.count)
    }

    /// Rows held in memory.
    var bufferedCount: Int { backlog.memory.count }

    /// Rows waiting for the store, in memory or only in the journal.
    var pendingCount: Int { backlog.count }

    /// Journals the row, then keeps it in memory or, past `maxBuffered`, in the journal only. Never waits for the
    /// store: a full batch starts a write in the background (unless the store is failing: the flusher retries on
    /// its interval), so the logging consumer keeps up while the store is slow or down.
    func add(_ entry: SpendLogEntry) {
        var span: SpendJournal.Span?
        if let journal {
            do {
                span = try journal.append(entry.journalLine())
                noteJournal(failed: nil)
            } catch {
                noteJournal(failed: error)
            }
        }
        let wasSpilling = backlog.unread != nil
        backlog.admit(entry, journaled: span)
        if !wasSpilling, backlog.unread != nil, let journal {
            logger.warning(
                "spend log rows past max_buffered wait in the journal only",
                metadata: ["buffered": .stringConvertible(backlog.memory.count), "journal": .string(journal.directory)])
        } else if span == nil, backlog.memory.count % maxBuffered == 0 {
            logger.error(
                "spend log rows are piling up in memory; is the store down?", metadata: ["buffered": .stringConvertible(backlog.memory.count)])
        }
        metrics.record(depth: backlog.count)
        if flushInProgress == nil, !failing, backlog.count >= batchSize { startFlush() }
    }

    /// Fsyncs the journal, then writes every waiting row, batch by batch, reading rows back from the journal as
    /// their turn comes; stops at the first failure and keeps the rest. A call made while another flush runs
    /// waits for it, then flushes what is left (so the shutdown flush never returns before a write in flight has
    /// landed).
    /// - Returns: whether nothing waits afterwards.
    @discardableResult
    func flush() async -> Bool {
        while let inFlight = flushInProgress { _ = await inFlight.value }
        return await startFlush().value
    }

    /// Closes the journal (after the last flush): rows not yet stored stay in it for the next start.
    func close() {
        guard let journal else { return }
        if backlog.count > 0 {
            logger.warning(
                "spend log rows stay in the journal for the next start",
                metadata: ["rows": .stringConvertible(backlog.count), "journal": .string(journal.directory)])
        }
        journal.close()
        self.journal = nil
    }

    /// Registers a flush task. It runs on this actor only once the caller suspends, and unregisters itself before
    /// its value is delivered: waiters never see a finished flush.
    @discardableResult
    private func startFlush() -> Task<Bool, Never> {
        let flush = Task { await self.writePendingThenUnregister() }
        flushInProgress = flush
        return flush
    }

    private func writePendingThenUnregister() async -> Bool {
        defer {
            flushInProgress = nil
            metrics.record(depth: backlog.count)
        }
        if let journal, !(await SpendJournal.fsync(journal.descriptorsToSync())) {
            logger.warning("spend journal fsync failed; rows since the last fsync may not survive a power loss")
        }
        return await writePending()
    }

    private func writePending() async -> Bool {
        while true {
            if backlog.needsRead, !readBack() { return false }
            let batch = Array(backlog.batch(batchSize).map(\.entry))
            guard !batch.isEmpty else { return backlog.unread == nil }
            do {
                // Bounded, so an unreachable store cannot stall flushing (or shutdown) forever. A write that
                // timed out but landed is harmless: rows are unique by request id.
                try await withTimeout(seconds: writeTimeout) { [store, instanceID] in try await store.appendSpendLogs(batch, instanceID: instanceID) }
            } catch {
                logger.warning(
                    "spend log write failed; will retry", metadata: ["rows": .stringConvertible(batch.count), "error": .string("\(error)")])
                noteWrite(failed: error)
                return false
            }
            if let through = backlog.written(batch.count) { release(through: through) }
            noteWrite(failed: nil)
        }
    }

    /// Reads the next rows back from the journal into memory. - Returns: false when the journal cannot be read.
    private func readBack() -> Bool {
        guard let journal, let unread = backlog.unread else { return false }
        do {
            let read = try journal.read(from: unread, maxRows: batchSize)
            backlog.loaded(read)
            // Only skipped lines: nothing to write holds them, so they are released here.
            if read.rows.isEmpty { release(through: read.reached) }
            return true
        } catch {
            logger.error("spend journal cannot be read; will retry", metadata: ["error": .string("\(error)")])
            return false
        }
    }

    private func release(through position: SpendJournal.Position) {
        do { try journal?.release(through: position) } catch {
            logger.warning("spend journal cannot release stored rows; they will be replayed (harmlessly)", metadata: ["error": .string("\(error)")])
        }
    }

    /// Logs the journal going from writable to failing and back, once per change.
    private func noteJournal(failed error: (any Error)?) {
        guard (error != nil) != journalFailing else { return }
        journalFailing = error != nil
        if let error {
            logger.error("spend journal cannot be written; rows wait in memory only", metadata: ["error": .string("\(error)")])
        } else {
            logger.notice("spend journal is written again")
        }
    }

    /// Publishes the store going from written to failing and back, once per change.
    private func noteWrite(failed error: (any Error)?) {
        guard (error != nil) != failing else { return }
        failing = error != nil
        let waiting = backlog.count
        let place = journal == nil ? "in memory" : "in the journal"
        if let error {
            alerts?.publish(
                Alert(
                    kind: .spendFlushFailing, subject: "spend-log", message: "spend log rows cannot be written; \(waiting) wait \(place)",
                    details: ["buffered": .int(waiting), "error": .string(String("\(type(of: error))"))]))
        } else {
            alerts?.publish(Alert(kind: .spendFlushRecovered, subject: "spend-log", message: "spend log rows are written again"))
        }
    }
}
