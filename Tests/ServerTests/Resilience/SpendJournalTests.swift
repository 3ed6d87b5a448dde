import Foundation
import GRDB
import GatewayCore
import GatewayTesting
import Logging
import SQLiteStore
import Testing

@testable import SpendLog

/// The spend writer and its journal against a real SQLite file: rows survive a store outage, a shutdown with the
/// store down and a damaged journal, replay in order, and are stored and counted exactly once.
struct SpendJournalTests {
    static let logger = Logger(label: "tollgate.tests.spend-journal")

    private func entry(_ index: Int) -> SpendLogEntry {
        SpendLogEntry(
            requestID: "req-" + String(format: "%04d", index), callType: "chat_completions", startTime: 1_700_000_000 + Double(index),
            endTime: 1_700_000_000.5 + Double(index), keyHash: "key-a", model: "gpt-test", promptTokens: 11, completionTokens: 7,
            spend: 0.000_123 * Double(index % 5 + 1), status: "success", metadata: ["streamed": false])
    }

    private func openStore(_ directory: TemporaryDirectory) async throws -> SQLiteGatewayStore {
        let store = try SQLiteGatewayStore(path: directory.path + "/tollgate.db", busyTimeoutMilliseconds: 50)
        _ = try await store.migrate()
        return store
    }

    private func writer(_ store: any SpendLogStore, journal: String, batchSize: Int = 4, maxBuffered: Int = 6, segmentBytes: Int = 8 << 20)
        throws -> SpendLogWriter
    {
        // A segment an earlier writer closed is adoptable only once no child started meanwhile holds a copy of it.
        ChildSpawns.waitForSpawnsInFlight()
        return SpendLogWriter(
            store: store, batchSize: batchSize, maxBuffered: maxBuffered, writeTimeout: 5,
            journal: try SpendJournal(directory: journal, segmentBytes: segmentBytes, logger: Self.logger), logger: Self.logger)
    }

    /// SQLite's write lock held by another connection: the store's writes fail as in an outage.
    private func lockDatabase(_ path: String) async throws -> DatabaseQueue {
        var configuration = GRDB.Configuration()
        configuration.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: path, configuration: configuration)
        try await locker.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        return locker
    }

    @Test func aStoreOutageKeepsRowsInTheJournalAndReplaysThemInOrderExactlyOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = try await openStore(directory)
        let store = FlakySpendLogStore(sqlite)
        let journal = sqlite.spendJournalDirectory
        #expect(journal == directory.path + "/tollgate.db.spend-journal")
        // Segments of about five rows, so the outage spans several and replay deletes them one by one.
        let writer = try writer(store, journal: journal, segmentBytes: 2048)
        let entries = (0..<40).map(entry)

        let locker = try await lockDatabase(directory.path + "/tollgate.db")
        for entry in entries { await writer.add(entry) }
        #expect(await writer.flush() == false)
        try await locker.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        #expect(await writer.bufferedCount <= 6, "memory holds at most max_buffered rows")
        #expect(await writer.pendingCount == 40)
        #expect(try JournalFolder.lines(journal) == 40, "every row is on disk")
        #expect(try JournalFolder.segments(journal).count > 2)
        #expect(try await sqlite.recentSpendLogs(limit: 100).isEmpty)

        // The store takes the next batch but its reply is lost: the writer keeps the rows and writes them again.
        store.set(.ackLost)
        #expect(await writer.flush() == false)
        #expect(try await sqlite.recentSpendLogs(limit: 100).count == 4)

        #expect(await writer.flush())
        #expect(await writer.pendingCount == 0)
        let stored = try await sqlite.recentSpendLogs(limit: 100)
        #expect(stored.count == 40)
        #expect(Set(stored) == Set(entries), "every field survives the journal")
        var seen = Set<String>()
        #expect(store.batches.joined().filter { seen.insert($0).inserted } == entries.map(\.requestID), "rows reach the store in order")
        let counted = try await sqlite.spendCounter(SpendScope(.key, "key-a"))?.units
        #expect(counted == entries.map(\.spendUnits).reduce(0, +), "the batch written twice is counted once")
        #expect(try JournalFolder.lines(journal) == 0)
        #expect(try JournalFolder.segments(journal).count == 1, "stored segments are deleted; the active one is emptied")

        await writer.close()
        #expect(!FileManager.default.fileExists(atPath: journal), "a journal emptied by a clean close is removed")
    }

    @Test func rowsLeftByAShutdownWithTheStoreDownAreReplayedByTheNextStart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = try await openStore(directory)
        let store = FlakySpendLogStore(sqlite)
        let journal = directory.path + "/journal"
        let entries = (0..<10).map(entry)

        store.set(.down)
        let first = try writer(store, journal: journal, batchSize: 100, maxBuffered: 100)
        for entry in entries { await first.add(entry) }
        #expect(await first.flush() == false)
        await first.close()
        #expect(try JournalFolder.lines(journal) == 10)

        store.set(.up)
        let second = try writer(store, journal: journal)
        #expect(await second.pendingCount == 10)
        await second.add(entry(10))
        #expect(await second.flush())
        let stored = try await sqlite.recentSpendLogs(limit: 100)
        #expect(Set(stored.map(\.requestID)) == Set((0...10).map { entry($0).requestID }))
        var seen = Set<String>()
        #expect(
            store.batches.dropFirst().joined().filter { seen.insert($0).inserted } == (0...10).map { entry($0).requestID },
            "the earlier run's rows go first")
        await second.close()
        #expect(try JournalFolder.segments(journal).isEmpty)
    }

    /// A gateway killed mid-write leaves a torn last line; a damaged line may sit anywhere. Both are skipped with a
    /// warning and every readable row is replayed.
    @Test func aTornLastLineAndADamagedLineAreSkipped() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = try await openStore(directory)
        let journal = directory.path + "/journal"
        try FileManager.default.createDirectory(atPath: journal, withIntermediateDirectories: true)
        var bytes = entry(0).journalLine() + entry(1).journalLine() + Array("{\"v\":1,\"request_id\":\"damaged\n".utf8) + entry(2).journalLine()
        bytes += entry(3).journalLine().prefix(40)
        let segment = journal + "/spend-00000000000000000001-0.jsonl"
        #expect(FileManager.default.createFile(atPath: segment, contents: Data(bytes)))

        let writer = try writer(sqlite, journal: journal)
        #expect(await writer.pendingCount == 4, "three rows and the damaged line; the torn one has no newline")
        #expect(await writer.flush())
        #expect(await writer.pendingCount == 0)
        #expect(try await sqlite.recentSpendLogs(limit: 10).map(\.requestID).sorted() == ["req-0000", "req-0001", "req-0002"])
        #expect(!FileManager.default.fileExists(atPath: segment), "the replayed segment is deleted, torn line and all")
        await writer.close()
    }

    /// Two gateways on one journal folder: a live one's segment is never taken; once it stops, the next start replays it.
    @Test func aLiveWritersSegmentIsNotAdopted() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = try await openStore(directory)
        let journal = directory.path + "/journal"
        let down = FlakySpendLogStore(sqlite)
        down.set(.down)

        let live = try writer(down, journal: journal)
        for index in 0..<3 { await live.add(entry(index)) }
        let other = try writer(sqlite, journal: journal)
        #expect(await other.pendingCount == 0)
        #expect(await other.flush())
        #expect(try await sqlite.recentSpendLogs(limit: 10).isEmpty)
        await other.close()

        await live.close()
        let next = try writer(sqlite, journal: journal)
        #expect(await next.pendingCount == 3)
        #expect(await next.flush())
        #expect(try await sqlite.recentSpendLogs(limit: 10).count == 3)
        await next.close()
    }
}

/// What a spend journal folder holds on disk.
enum JournalFolder {
    /// The segment files (`spend-*.jsonl`).
    static func segments(_ folder: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("spend-") && $0.hasSuffix(".jsonl") }
            .map { folder + "/" + $0 }
    }

    /// Complete lines (rows) in all segments.
    static func lines(_ folder: String) throws -> Int {
        try segments(folder).reduce(0) { total, path in
            total + (try Data(contentsOf: URL(fileURLWithPath: path))).reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        }
    }
}
