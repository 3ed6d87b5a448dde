import GatewayCore
import Testing

@testable import HTTPCallback

/// The callback queue's drop and acknowledge rules, without I/O.
@Suite struct CallbackBufferTests {
    static func ids(_ entries: [CallbackBuffer.Entry]) -> [Int] { entries.compactMap { $0.record["n"]?.intValue } }

    @Test func dropsTheOldestAndCountsEachDrop() {
        var buffer = CallbackBuffer(capacity: 3)
        var started: [Bool] = []
        for n in 0..<7 { started.append(buffer.append(["n": .int(n)]).startedOverflowing) }
        #expect(Self.ids(buffer.peek(10)) == [4, 5, 6])
        #expect(buffer.droppedTotal == 4)
        #expect(started == [false, false, false, true, false, false, false], "the first drop of an episode is reported once")
    }

    @Test func acknowledgeRemovesWhatIsLeftOfAPostedBatch() {
        var buffer = CallbackBuffer(capacity: 3)
        for n in 0..<3 { _ = buffer.append(["n": .int(n)]) }
        let posted = buffer.peek(2)
        #expect(Self.ids(posted) == [0, 1])
        // While the POST is in flight two more arrive: 0 and 1 are dropped.
        _ = buffer.append(["n": 3])
        _ = buffer.append(["n": 4])
        let result = buffer.acknowledge(through: posted.last!.sequence)
        #expect(result.removed == 0 && result.hadOverflowed)
        #expect(Self.ids(buffer.peek(10)) == [2, 3, 4])
        let second = buffer.acknowledge(through: buffer.peek(2).last!.sequence)
        #expect(second.removed == 2 && !second.hadOverflowed)
        #expect(Self.ids(buffer.peek(10)) == [4])
    }

    @Test func manyRecordsStayInOrderThroughCompaction() {
        var buffer = CallbackBuffer(capacity: 1000)
        var next = 0
        var delivered: [Int] = []
        for round in 0..<50 {
            for _ in 0..<(round % 7 + 3) {
                _ = buffer.append(["n": .int(next)])
                next += 1
            }
            let batch = buffer.peek(4)
            delivered += Self.ids(batch)
            if let last = batch.last { _ = buffer.acknowledge(through: last.sequence) }
        }
        delivered += Self.ids(buffer.peek(10_000))
        #expect(delivered == Array(0..<next))
    }
}
