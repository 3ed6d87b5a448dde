import GatewayCore

/// The records waiting for the receiver, oldest first, at most ``capacity``: a value-type state machine, so the
/// drop and acknowledge rules are tested without I/O.
///
/// Records stay in the buffer while a POST of them is in flight and leave only when acknowledged (delivered or
/// rejected), so a receiver that is down holds at most `capacity` records in memory and the ones dropped to make
/// room are always the oldest. Each record has a sequence number; acknowledging "through n" removes what is still
/// there up to n, which is right even if some of the posted records were dropped meanwhile.
struct CallbackBuffer {
    struct Entry: Sendable {
        var sequence: UInt64
        var record: JSON
    }

    let capacity: Int
    private var entries: [Entry] = []
    /// Index of the oldest live entry; the array is compacted when half of it is dead.
    private var head = 0
    private var nextSequence: UInt64 = 0
    /// Records dropped since the process started (the `tollgate_callback_dropped_total` counter).
    private(set) var droppedTotal = 0
    /// Whether the buffer has dropped since the receiver last took a batch (one log line per overflow episode).
    private(set) var overflowing = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entries.count - head }

    /// What appending did.
    struct Appended: Equatable {
        /// Oldest records dropped to make room (0 or 1).
        var dropped: Int
        /// Whether this is the first drop since the last delivery (log it).
        var startedOverflowing: Bool
    }

    mutating func append(_ record: JSON) -> Appended {
        var dropped = 0
        var started = false
        if count >= capacity {
            head += 1
            dropped = 1
            droppedTotal += 1
            started = !overflowing
            overflowing = true
        }
        entries.append(Entry(sequence: nextSequence, record: record))
        nextSequence += 1
        compactIfNeeded()
        return Appended(dropped: dropped, startedOverflowing: started)
    }

    /// The oldest `limit` records, left in place.
    func peek(_ limit: Int) -> [Entry] {
        Array(entries[head..<min(entries.count, head + limit)])
    }

    /// Removes every record up to and including `sequence` that is still buffered.
    /// - Returns: how many were removed; and whether the buffer had overflowed since the previous delivery.
    mutating func acknowledge(through sequence: UInt64) -> (removed: Int, hadOverflowed: Bool) {
        var removed = 0
        while head < entries.count, entries[head].sequence <= sequence {
            head += 1
            removed += 1
        }
        let overflowed = overflowing
        overflowing = false
        compactIfNeeded()
        return (removed, overflowed)
    }

    private mutating func compactIfNeeded() {
        if head > 64, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}
