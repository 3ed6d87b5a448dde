import GatewayCore

/// The spend-log rows waiting for the store, oldest first: a window of them in memory, and past `capacity` the
/// rest only in the journal, read back in order as the window empties. Holds no I/O: the writer appends and reads
/// the journal and tells the backlog what happened.
///
/// Once one row has gone to the journal only, every later row does too until reading back catches up, so rows
/// are written in the order they were logged and memory never holds more than `capacity` rows. A row the journal
/// could not take (no journal, a full disk) is kept in memory whatever the capacity: nothing acknowledged is dropped.
struct SpendBacklog {
    /// A row in memory and, when it is in the journal, the journal position just past it.
    struct Row {
        var entry: SpendLogEntry
        var journaledThrough: SpendJournal.Position?
    }

    let capacity: Int
    /// The oldest waiting rows (all of them while ``unread`` is nil).
    var memory: ArraySlice<Row> { rows[head...] }
    /// ``memory`` from `head` on; rows before it are written and wait to be compacted away (dropping them from the
    /// front one batch at a time moved every row behind them: quadratic in a backlog while the store is slow).
    private var rows: [Row] = []
    private var head = 0
    /// Where the rows that are only in the journal start; nil when memory holds every waiting row.
    private(set) var unread: SpendJournal.Position?
    /// How many rows are only in the journal.
    private(set) var spilled = 0

    /// - Parameters:
    ///   - capacity: the rows memory may hold.
    ///   - leftover: where a journal left by an earlier run starts and how many rows it holds (nil: none).
    init(capacity: Int, leftover: (start: SpendJournal.Position, rows: Int)? = nil) {
        self.capacity = capacity
        if let leftover {
            unread = leftover.start
            spilled = leftover.rows
        }
    }

    /// Every waiting row.
    var count: Int { memory.count + spilled }

    /// Whether memory is empty while the journal still holds rows: time to read some back.
    var needsRead: Bool { memory.isEmpty && unread != nil }

    /// Takes a new row that the journal holds at `span` (nil: it is not in the journal).
    /// - Returns: whether the row stays in memory (false: it is only in the journal).
    @discardableResult
    mutating func admit(_ entry: SpendLogEntry, journaled span: SpendJournal.Span?) -> Bool {
        guard let span, unread != nil || memory.count >= capacity else {
            rows.append(Row(entry: entry, journaledThrough: span?.end))
            return true
        }
        if unread == nil { unread = span.start }
        spilled += 1
        return false
    }

    /// Takes rows read back from the journal into memory (called when ``needsRead``).
    /// - Parameter read: the rows, the lines consumed and where reading goes on.
    mutating func loaded(_ read: SpendJournal.Read) {
        rows.append(contentsOf: read.rows.map { Row(entry: $0.entry, journaledThrough: $0.end) })
        spilled = max(0, spilled - read.consumedLines)
        unread = read.next
        if unread == nil { spilled = 0 }
    }

    /// The next rows to write, oldest first; they stay in memory until ``written(_:)``.
    func batch(_ size: Int) -> ArraySlice<Row> { memory.prefix(size) }

    /// Drops the first `count` rows of memory, now stored.
    /// - Returns: the journal position the journal may release through (past the last of them it holds), if any.
    mutating func written(_ count: Int) -> SpendJournal.Position? {
        let through = memory.prefix(count).last { $0.journaledThrough != nil }?.journaledThrough
        head += min(count, memory.count)
        // Compacted once the written rows are at least half the array: each row is moved at most once more.
        if head >= rows.count / 2 {
            rows.removeFirst(head)
            head = 0
        }
        return through
    }
}
