import Testing

@testable import GatewayCore
@testable import SpendLog

/// The spend writer's backlog as a value: which rows stay in memory, which wait in the journal only, and what the
/// journal may release once rows are stored. No file is touched; journal positions are made up.
struct SpendBacklogTests {
    private func entry(_ id: String) -> SpendLogEntry {
        SpendLogEntry(requestID: id, callType: "chat_completions", startTime: 0, endTime: 1, model: "m", status: "success")
    }

    /// Row `index` of a made-up journal where each row takes 10 bytes of segment 0.
    private func span(_ index: Int) -> SpendJournal.Span {
        SpendJournal.Span(start: .init(segment: 0, offset: index * 10), end: .init(segment: 0, offset: index * 10 + 10))
    }

    @Test func batchesWrittenWhileRowsArriveLeaveTheRestInOrder() {
        var backlog = SpendBacklog(capacity: 10_000)
        var next = 0
        var expected: [String] = []
        // Rows keep arriving while batches of 7 are written: what waits is always the unwritten rows, oldest first,
        // across the compactions of the array behind the window.
        for round in 0..<50 {
            for _ in 0..<(round % 3 == 0 ? 12 : 5) {
                backlog.admit(entry("r\(next)"), journaled: span(next))
                expected.append("r\(next)")
                next += 1
            }
            let batch = backlog.batch(7).map(\.entry.requestID)
            #expect(batch == Array(expected.prefix(7)))
            let released = backlog.written(batch.count)
            #expect(released == span(Int(batch.last!.dropFirst())!).end)
            expected.removeFirst(batch.count)
            #expect(backlog.memory.map(\.entry.requestID) == expected)
        }
        #expect(backlog.count == expected.count)
    }

    @Test func rowsPastTheCapacityWaitInTheJournalOnlyAndLaterRowsFollowThem() {
        var backlog = SpendBacklog(capacity: 2)
        let r0InMemory = backlog.admit(entry("r0"), journaled: span(0))
        #expect(r0InMemory)
        let r1InMemory = backlog.admit(entry("r1"), journaled: span(1))
        #expect(r1InMemory)
        let r2InMemory = backlog.admit(entry("r2"), journaled: span(2))
        #expect(!r2InMemory)
        #expect(backlog.unread == span(2).start)
        #expect(backlog.memory.count == 2)
        #expect(backlog.count == 3)

        // Memory has room again, but r3 must not overtake r2: it waits in the journal too.
        let releasedAfterR0 = backlog.written(1)
        #expect(releasedAfterR0 == span(0).end)
        let r3InMemory = backlog.admit(entry("r3"), journaled: span(3))
        #expect(!r3InMemory)
        #expect(backlog.memory.map(\.entry.requestID) == ["r1"])
        #expect(backlog.count == 3)
        #expect(!backlog.needsRead)
        let releasedAfterR1 = backlog.written(1)
        #expect(releasedAfterR1 == span(1).end)
        #expect(backlog.needsRead)

        var read = SpendJournal.Read(reached: span(3).end)
        read.rows = [(entry("r2"), span(2).end), (entry("r3"), span(3).end)]
        read.consumedLines = 2
        backlog.loaded(read)
        #expect(backlog.memory.map(\.entry.requestID) == ["r2", "r3"])
        #expect(backlog.unread == nil)
        #expect(backlog.count == 2)
        let releasedAfterR2 = backlog.written(1)
        #expect(releasedAfterR2 == span(2).end)
        let r4InMemory = backlog.admit(entry("r4"), journaled: span(4))
        #expect(r4InMemory, "caught up: new rows stay in memory again")
        #expect(backlog.batch(5).map(\.entry.requestID) == ["r3", "r4"])
        let releasedAtLast = backlog.written(2)
        #expect(releasedAtLast == span(4).end)
        #expect(backlog.count == 0)
    }

    @Test func aRowTheJournalCouldNotTakeStaysInMemoryWhateverTheCapacity() {
        var backlog = SpendBacklog(capacity: 1)
        backlog.admit(entry("r0"), journaled: span(0))
        let unjournaledInMemory = backlog.admit(entry("r1"), journaled: nil)
        #expect(unjournaledInMemory)
        #expect(backlog.memory.count == 2)
        #expect(backlog.unread == nil)
        // A stored row not in the journal releases nothing past the journaled one before it.
        let releasedAfterBoth = backlog.written(2)
        #expect(releasedAfterBoth == span(0).end)
        backlog.admit(entry("r2"), journaled: nil)
        let releasedAfterUnjournaled = backlog.written(1)
        #expect(releasedAfterUnjournaled == nil)
    }

    @Test func aJournalLeftByAnEarlierRunIsReadBeforeAnythingElse() {
        var backlog = SpendBacklog(capacity: 10, leftover: (start: .init(segment: 0, offset: 0), rows: 5))
        #expect(backlog.count == 5)
        #expect(backlog.needsRead)
        let newInMemory = backlog.admit(entry("new"), journaled: .init(start: .init(segment: 1, offset: 0), end: .init(segment: 1, offset: 9)))
        #expect(!newInMemory, "a new row waits behind the leftover rows")
        #expect(backlog.count == 6)
    }

    @Test func aJournalLineRoundTripsEveryField() throws {
        let original = SpendLogEntry(
            requestID: "req-é\n\"1", callType: "embeddings", startTime: 1_700_000_000.123456, endTime: 1_700_000_001.5, keyHash: "h",
            userID: "u", teamID: "t", endUser: "e", organizationID: "o", projectID: "p", tags: ["a", "b"], model: "m",
            deploymentID: "d", provider: "openai", promptTokens: 11, completionTokens: 7, spend: 0.1 + 0.2, status: "failure",
            errorCode: "upstream_error", metadata: ["streamed": true, "n": 1.5])
        let line = original.journalLine()
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false, "one row is one line")
        let decoded = try SpendLogEntry(journalLine: Array(line.dropLast()))
        #expect(decoded == original)
        #expect(decoded.spendUnits == original.spendUnits)

        let bare = SpendLogEntry(requestID: "r", callType: "chat_completions", startTime: 0, endTime: 0, model: "m", status: "success")
        #expect(try SpendLogEntry(journalLine: Array(bare.journalLine().dropLast())) == bare)
    }

    @Test(arguments: [#"{"v":1,"request_id":"r"#, "", "not json", #"{"v":2,"request_id":"r"}"#, #"{"v":1}"#])
    func aTornOrForeignLineIsRejected(_ text: String) {
        #expect(throws: SpendJournalError.self) { try SpendLogEntry(journalLine: Array(text.utf8)) }
    }
}
