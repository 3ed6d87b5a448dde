#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file of the spend journal: complete lines appended with `O_APPEND`, one `write(2)` each.
///
/// The file is held under an exclusive `flock` for as long as this process has it open. The kernel drops the lock
/// when the process dies, even on kill -9, so a gateway opening the same folder later adopts the file (its rows
/// were never confirmed written) and never takes one whose owner still runs.
final class SpendJournalSegment {
    /// The journal's sequence number for the segment; an emptied segment takes a new one (``reset(id:)``), so a
    /// position into its old contents never points into its new ones.
    private(set) var id: Int
    let path: String
    /// Whether this process created the file (false: adopted from a gateway that died; it is only read).
    let isOwn: Bool
    /// Bytes of complete lines (for an adopted file, its length, torn last line included).
    private(set) var size: Int
    /// Whether lines were appended since the last fsync.
    var needsSync = false
    private var descriptor: Int32

    private init(id: Int, path: String, isOwn: Bool, size: Int, descriptor: Int32) {
        self.id = id
        self.path = path
        self.isOwn = isOwn
        self.size = size
        self.descriptor = descriptor
    }

    /// File names sort in creation order (a fixed-width timestamp first), which is the order rows are replayed in.
    static func isSegmentName(_ name: String) -> Bool { name.hasPrefix("spend-") && name.hasSuffix(".jsonl") }

    /// A new, empty, locked segment in `directory`. It is created under a hidden name, locked, then renamed, so no
    /// other gateway scanning the folder can adopt it in between.
    /// - Throws: ``SpendJournalError`` when the file cannot be created or locked.
    static func create(in directory: String, id: Int) throws(SpendJournalError) -> SpendJournalSegment {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let stamp = String(Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec))
        let name =
            "spend-\(String(repeating: "0", count: max(0, 20 - stamp.count)))\(stamp)-\(String(UInt64.random(in: .min ... .max), radix: 16)).jsonl"
        let hidden = directory + "/." + name + ".tmp"
        let path = directory + "/" + name
        let descriptor = open(hidden, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SpendJournalError("create", hidden, errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, rename(hidden, path) == 0 else {
            let code = errno
            _ = closeDescriptor(descriptor)
            unlink(hidden)
            throw SpendJournalError("lock and name", path, errno: code)
        }
        return SpendJournalSegment(id: id, path: path, isOwn: true, size: 0, descriptor: descriptor)
    }

    /// The segment at `path` if no live process holds it.
    /// - Returns: nil when another gateway owns it, or it went away meanwhile (its owner had written it and removed it).
    /// - Throws: ``SpendJournalError`` when it exists but cannot be opened.
    static func adopt(path: String, id: Int) throws(SpendJournalError) -> SpendJournalSegment? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw SpendJournalError("open", path, errno: errno)
        }
        var opened = stat()
        var named = stat()
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &opened) == 0, stat(path, &named) == 0,
            opened.st_ino == named.st_ino, opened.st_dev == named.st_dev
        else {
            _ = closeDescriptor(descriptor)
            return nil
        }
        return SpendJournalSegment(id: id, path: path, isOwn: false, size: Int(opened.st_size), descriptor: descriptor)
    }

    /// Appends one line (newline included) with as many `write` calls as it takes; on failure the file is cut back
    /// to its last complete line, so a failed append leaves no torn line in the middle of the journal.
    /// - Throws: ``SpendJournalError`` (a full disk, an I/O error).
    func append(_ line: [UInt8]) throws(SpendJournalError) {
        let failure: Int32? = line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure {
            _ = ftruncate(descriptor, off_t(size))
            throw SpendJournalError("write to", path, errno: failure)
        }
        size += line.count
        needsSync = true
    }

    /// Complete lines from `offset` on, at most `maxLines`, each with the offset just past its newline.
    /// - Returns: the lines, and whether the segment ends in bytes with no newline after them (a line torn by a
    ///   kill mid-write; only an adopted segment has one), reported once the lines before it are all read.
    /// - Throws: ``SpendJournalError`` when the file cannot be read.
    func lines(from offset: Int, maxLines: Int) throws(SpendJournalError) -> (lines: [(bytes: [UInt8], end: Int)], tornTail: Bool) {
        var lines: [(bytes: [UInt8], end: Int)] = []
        var partial: [UInt8] = []
        var position = offset
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        while lines.count < maxLines, position < size {
            let count = min(chunk.count, size - position)
            let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, count, off_t(position)) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { throw SpendJournalError("read", path, errno: read < 0 ? errno : EIO) }
            var lineStart = 0
            for index in 0..<read where chunk[index] == UInt8(ascii: "\n") {
                partial.append(contentsOf: chunk[lineStart..<index])
                lines.append((partial, position + index + 1))
                partial = []
                lineStart = index + 1
                if lines.count == maxLines { return (lines, false) }
            }
            partial.append(contentsOf: chunk[lineStart..<read])
            position += read
        }
        return (lines, !partial.isEmpty)
    }

    /// How many complete lines the segment holds (rows an earlier run left, for the queue-depth gauge).
    func lineCount() throws(SpendJournalError) -> Int {
        var total = 0
        var position = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        while position < size {
            let count = min(chunk.count, size - position)
            let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, count, off_t(position)) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { throw SpendJournalError("read", path, errno: read < 0 ? errno : EIO) }
            total += chunk[0..<read].reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            position += read
        }
        return total
    }

    /// Empties the segment (every row in it is stored) and gives it a new sequence number.
    /// - Throws: ``SpendJournalError`` when the file cannot be truncated.
    func reset(id newID: Int) throws(SpendJournalError) {
        guard ftruncate(descriptor, 0) == 0 else { throw SpendJournalError("truncate", path, errno: errno) }
        size = 0
        needsSync = false
        id = newID
    }

    /// A descriptor of the file for an fsync off this thread; the caller closes it. nil when `dup` fails.
    func descriptorForSync() -> Int32? {
        let copy = dup(descriptor)
        return copy >= 0 ? copy : nil
    }

    /// Closes the file, releasing its lock; with `removing`, deletes it first (while still holding the lock).
    func close(removing: Bool) {
        guard descriptor >= 0 else { return }
        if removing { unlink(path) }
        _ = Self.closeDescriptor(descriptor)
        descriptor = -1
    }

    deinit { close(removing: false) }

    private static func closeDescriptor(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.close(descriptor)
        #else
            Darwin.close(descriptor)
        #endif
    }
}
