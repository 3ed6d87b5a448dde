import GatewayCore
import Synchronization
import Testing

@testable import MCPGateway

/// The table that lets a client's `notifications/cancelled` reach its own call, and leaves nothing behind.
struct MCPInFlightCallsTests {
    final class Flag: Sendable {
        let raised = Mutex(0)
        var count: Int { raised.withLock { $0 } }
        func raise() { raised.withLock { $0 += 1 } }
    }

    @Test func aCancellationReachesOnlyItsChannelAndID() {
        let calls = MCPInFlightCalls()
        let (mine, other, stringID) = (Flag(), Flag(), Flag())
        let handle = calls.begin(channel: "key-a/s1", id: 7)
        handle.attach(mine.raise)
        calls.begin(channel: "key-b/s2", id: 7).attach(other.raise)
        calls.begin(channel: "key-a/s1", id: "7").attach(stringID.raise)
        #expect(!calls.cancel(channel: "key-a/s1", id: 8))
        #expect(!calls.cancel(channel: "key-a/other", id: 7))
        #expect(calls.cancel(channel: "key-a/s1", id: 7))
        #expect((mine.count, other.count, stringID.count) == (1, 0, 0))
        // Its end after the cancellation removes nothing else.
        calls.end(channel: "key-a/s1", id: 7, handle: handle)
        #expect(calls.count == 2)
        calls.cancelAll(channel: "key-a/s1")
        #expect(stringID.count == 1)
        #expect(calls.count == 1)
        #expect(!calls.cancel(channel: "key-a/s1", id: 7))
    }

    @Test func aCallCancelledBeforeItsTaskStartsIsCancelledOnAttach() {
        let calls = MCPInFlightCalls()
        let flag = Flag()
        let handle = calls.begin(channel: "c", id: 1)
        #expect(calls.cancel(channel: "c", id: 1))
        handle.attach(flag.raise)
        #expect(flag.count == 1)
        calls.end(channel: "c", id: 1, handle: handle)
        #expect(calls.count == 0)
    }

    @Test func aReusedIDKeepsTheLaterCall() {
        let calls = MCPInFlightCalls()
        let (first, second) = (Flag(), Flag())
        let old = calls.begin(channel: "c", id: 1)
        old.attach(first.raise)
        calls.begin(channel: "c", id: 1).attach(second.raise)
        calls.end(channel: "c", id: 1, handle: old)
        #expect(calls.count == 1)
        #expect(calls.cancel(channel: "c", id: 1))
        #expect((first.count, second.count) == (0, 1))
    }
}
