import Dispatch
import Foundation
import GatewayCore
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The spend log's append-only journal: every row the writer takes is appended here before it waits for the
/// store, and stays until the store has it, so rows survive a store outage of any length, a shutdown with the
/// store down, and a kill -9.
///
/// The journal is a folder of segment files (``SpendJournalSegment``), one JSON line per row. This process appends
/// to its own active segment and starts a new one past `segmentBytes`. Segments left by a gateway that died or
/// stopped with the store down are adopted when the journal opens and come first: rows replay in the order they
/// were logged. Rows are released once stored: whole segments are deleted, and the active one is emptied when
/// everything in it is stored. Rows are not fsync'd one by one; ``descriptorsToSync()`` hands the flusher what
/// to fsync on its interval.
///
/// Used by the spend-log writer only, from its actor: not thread-safe on its own.
final class SpendJournal {
    /// A place in the journal: a segment's sequence number and a byte offset in it. Positions only grow.
    struct Position: Comparable, Sendable {
        var segment: Int
        var offset: Int

        static func < (lhs: Position, rhs: Position) -> Bool { (lhs.segment, lhs.offset) < (rhs.segment, rhs.offset) }
    }

    /// Where an appended row starts and where it ends (just past its newline).
    struct Span: Sendable {
        let start: Position
        let end: Position
    }

    /// Rows read back, with where each ends and what was skipped.
    struct Read {
        var rows: [(entry: SpendLogEntry, end: Position)] = []
        /// Lines consumed, skipped ones (torn or unreadable) included.
        var consumedLines = 0
        /// Where reading stopped (past any line skipped after the last row, which that row's end then covers).
        var reached: Position
        /// Where reading goes on; nil when it reached the end of the journal.
        var next: Position?
    }

    let directory: String
    /// A segment is closed to appends past this size and deleted as a whole once its rows are stored.
    let segmentBytes: Int
    /// Complete lines in the segments adopted at open: rows an earlier run left.
    let adoptedLines: Int
    private let logger: Logger
    /// Oldest first; the last one is this process's active segment.
    private var segments: [SpendJournalSegment]
    private var nextID: Int
    private var directoryNeedsSync = true
    /// Whether the folder was made by this journal (then it is removed again when it closes empty).
    private let createdDirectory: Bool

    /// Opens the journal in `directory` (created when missing), adopting the segments no live gateway holds.
    /// - Parameter segmentBytes: the size past which a new segment is started (8 MiB: about ten thousand rows).
    /// - Throws: ``SpendJournalError`` when the folder or a segment cannot be created, listed or opened.
    init(directory: String, segmentBytes: Int = 8 << 20, logger: Logger) throws(SpendJournalError) {
        self.directory = directory
        self.segmentBytes = segmentBytes
        self.logger = logger
        let files = FileManager.default
        var isFolder: ObjCBool = false
        createdDirectory = !files.fileExists(atPath: directory, isDirectory: &isFolder)
        if !createdDirectory, !isFolder.boolValue { throw SpendJournalError("use '\(directory)' as the spend journal: it is not a folder") }
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SpendJournalError("create the spend journal folder '\(directory)': \(error.localizedDescription)")
        }
        let names: [String]
        do { names = try files.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw SpendJournalError("list the spend journal folder '\(directory)': \(error.localizedDescription)")
        }
        var adopted: [SpendJournalSegment] = []
        var lines = 0
        for name in names {
            let path = directory + "/" + name
            if name.hasPrefix(".spend-"), name.hasSuffix(".tmp"), let stale = try SpendJournalSegment.adopt(path: path, id: 0) {
                stale.close(removing: true)  // made by a gateway that died before naming it: it holds no row
            } else if SpendJournalSegment.isSegmentName(name), let segment = try SpendJournalSegment.adopt(path: path, id: adopted.count) {
                guard segment.size > 0 else {
                    segment.close(removing: true)  // the empty active segment of a gateway that was killed
                    continue
                }
                lines += try segment.lineCount()
                adopted.append(segment)
            }
        }
        adoptedLines = lines
        segments = adopted + [try SpendJournalSegment.create(in: directory, id: adopted.count)]
        nextID = adopted.count + 1
        if lines > 0 {
            logger.notice(
                "spend journal holds rows from an earlier run; replaying them",
                metadata: ["journal": .string(directory), "rows": .stringConvertible(lines), "segments": .stringConvertible(adopted.count)])
        }
    }

    private var active: SpendJournalSegment { segments[segments.count - 1] }

    /// The first row's position.
    var start: Position { Position(segment: segments[0].id, offset: 0) }

    /// Just past the last row.
    var end: Position { Position(segment: active.id, offset: active.size) }

    /// Whether any segment holds bytes not yet released.
    var hasRows: Bool { segments.contains { $0.size > 0 } }

    /// Appends one row (its ``SpendLogEntry/journalLine()``), starting a new segment when the active one is full.
    /// - Returns: where the row starts and ends.
    /// - Throws: ``SpendJournalError`` when it cannot be written (the row is then not in the journal).
    func append(_ line: [UInt8]) throws(SpendJournalError) -> Span {
        if active.size >= segmentBytes {
            segments.append(try SpendJournalSegment.create(in: directory, id: nextID))
            nextID += 1
            directoryNeedsSync = true
        }
        let start = end
        try active.append(line)
        return Span(start: start, end: end)
    }

    /// Reads up to `maxRows` rows from `position` on, in order. A line that cannot be decoded (one torn by a kill
    /// mid-write, a damaged one) is skipped with a warning.
    /// - Throws: ``SpendJournalError`` when a segment cannot be read.
    func read(from position: Position, maxRows: Int) throws(SpendJournalError) -> Read {
        var position = position
        var read = Read(reached: position)
        for segment in segments where segment.id >= position.segment {
            if segment.id > position.segment { position = Position(segment: segment.id, offset: 0) }
            let (lines, tornTail) = try segment.lines(from: position.offset, maxLines: maxRows - read.rows.count)
            for (bytes, lineEnd) in lines {
                position.offset = lineEnd
                read.consumedLines += 1
                do {
                    read.rows.append((try SpendLogEntry(journalLine: bytes), position))
                } catch {
                    logger.warning("skipping a spend journal line that cannot be read", metadata: ["segment": .string(segment.path)])
                }
            }
            if tornTail {
                logger.warning(
                    "skipping the torn last line of a spend journal segment (cut off mid-write by a kill or a power loss)",
                    metadata: ["segment": .string(segment.path), "bytes": .stringConvertible(segment.size - position.offset)])
                position.offset = segment.size
            }
            if read.rows.count == maxRows { break }
        }
        if !read.rows.isEmpty { read.rows[read.rows.count - 1].end = position }
        read.reached = position
        read.next = position < end ? position : nil
        return read
    }

    /// Forgets every row up to `position` (they are stored): deletes the segments wholly before it, and empties the
    /// active segment when it is the end of the journal.
    /// - Throws: ``SpendJournalError`` when the active segment cannot be emptied (its rows then replay, harmlessly).
    func release(through position: Position) throws(SpendJournalError) {
        let active = self.active
        segments.removeAll { segment in
            guard segment !== active, segment.id < position.segment || (segment.id == position.segment && position.offset >= segment.size)
            else { return false }
            segment.close(removing: true)
            return true
        }
        if position >= end, active.size > 0 {
            try active.reset(id: nextID)
            nextID += 1
        }
    }

    /// Duplicates of the descriptors that need an fsync (segments appended to since the last call, and the folder
    /// after a segment was created), for ``fsync(_:)``; marks them synced.
    func descriptorsToSync() -> [Int32] {
        var descriptors: [Int32] = []
        for segment in segments where segment.needsSync {
            if let copy = segment.descriptorForSync() { descriptors.append(copy) }
            segment.needsSync = false
        }
        if directoryNeedsSync {
            let folder = open(directory, O_RDONLY | O_CLOEXEC)
            if folder >= 0 { descriptors.append(folder) }
            directoryNeedsSync = false
        }
        return descriptors
    }

    /// Fsyncs and closes the descriptors on a Dispatch thread, so a slow disk never holds a thread of Swift's
    /// cooperative pool (the request path runs there).
    /// - Returns: whether every fsync succeeded.
    static func fsync(_ descriptors: [Int32]) async -> Bool {
        guard !descriptors.isEmpty else { return true }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                let succeeded = descriptors.map(syncAndClose).allSatisfy { $0 }
                continuation.resume(returning: succeeded)
            }
        }
    }

    /// Closes every segment, releasing their locks. Empty segments of this process are deleted (and the folder,
    /// when this journal made it and nothing is left in it); rows not yet stored stay for the next start.
    func close() {
        for segment in segments {
            if segment.needsSync, let copy = segment.descriptorForSync() { _ = syncAndClose(copy) }
            segment.close(removing: segment.isOwn && segment.size == 0)
        }
        segments.removeAll()
        if createdDirectory { rmdir(directory) }
    }
}

/// Fsyncs a descriptor, then closes it. - Returns: whether the fsync succeeded.
private func syncAndClose(_ descriptor: Int32) -> Bool {
    #if canImport(Glibc)
        defer { _ = Glibc.close(descriptor) }
        return Glibc.fsync(descriptor) == 0
    #else
        defer { _ = Darwin.close(descriptor) }
        return Darwin.fsync(descriptor) == 0
    #endif
}
