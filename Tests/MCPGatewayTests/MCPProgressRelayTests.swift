import GatewayCore
import Synchronization
import Testing

@testable import MCPGateway

/// Progress tokens per upstream connection: each call's own upstream token, the client's token put back, nothing
/// routed to a call that did not ask, nothing left behind.
struct MCPProgressRelayTests {
    /// Collects what a sink received.
    final class Received: Sendable {
        let messages = Mutex<[JSON]>([])
        var all: [JSON] { messages.withLock { $0 } }
        var sink: MCPProgressSink { { message in self.messages.withLock { $0.append(message) } } }
    }

    static func params(token: JSON) -> JSON {
        ["name": "count", "arguments": ["steps": 3], "_meta": ["progressToken": token, "other": "kept"]]
    }

    static func progress(_ token: String, _ value: Int) -> JSON {
        ["jsonrpc": "2.0", "method": "notifications/progress", "params": ["progressToken": .string(token), "progress": .int(value), "total": 3]]
    }

    @Test func twoCallsWithTheSameClientTokenGetTheirOwnProgress() throws {
        var relay = MCPProgressRelay()
        let (first, second) = (Received(), Received())
        let (firstParams, firstToken) = relay.register(Self.params(token: 1), sink: first.sink)
        let (secondParams, secondToken) = relay.register(Self.params(token: 1), sink: second.sink)
        let (a, b) = (try #require(firstToken), try #require(secondToken))
        #expect(a != b)
        #expect(firstParams?["_meta"]?["progressToken"] == .string(a))
        #expect(secondParams?["_meta"]?["progressToken"] == .string(b))
        #expect(firstParams?["_meta"]?["other"] == "kept")
        #expect(firstParams?["arguments"] == ["steps": 3])
        #expect(relay.count == 2)

        #expect(relay.relay(Self.progress(b, 1)))
        #expect(relay.relay(Self.progress(a, 2)))
        #expect(first.all.map { $0["params"]?["progress"] } == [2])
        #expect(second.all.map { $0["params"]?["progress"] } == [1])
        // Each client sees its own token, as it sent it (an integer here).
        #expect(first.all.first?["params"]?["progressToken"] == 1)
        #expect(first.all.first?["method"] == "notifications/progress")

        relay.remove(firstToken)
        relay.remove(secondToken)
        #expect(relay.count == 0)
        #expect(!relay.relay(Self.progress(a, 3)))
        #expect(first.all.count == 1)
    }

    @Test func aTokenWithoutASinkIsNotForwarded() {
        var relay = MCPProgressRelay()
        // A client token is never sent upstream as it came, so no client can pick another call's upstream token.
        let (params, token) = relay.register(Self.params(token: "tollgate-1"), sink: nil)
        #expect(token == nil)
        #expect(params?["_meta"]?["progressToken"] == nil)
        #expect(params?["_meta"]?["other"] == "kept")
        #expect(relay.count == 0)
        // A token that is neither a string nor an integer is dropped too.
        let received = Received()
        let (objectParams, objectToken) = relay.register(Self.params(token: ["x": 1]), sink: received.sink)
        #expect(objectToken == nil)
        #expect(objectParams?["_meta"]?["progressToken"] == nil)
    }

    @Test func unknownOrMalformedNotificationsAreDropped() throws {
        var relay = MCPProgressRelay()
        let received = Received()
        let token = try #require(relay.register(Self.params(token: "mine"), sink: received.sink).token)
        #expect(!relay.relay(Self.progress("tollgate-999", 1)))
        #expect(!relay.relay(["jsonrpc": "2.0", "method": "notifications/progress", "params": ["progressToken": .string(token)]]))
        #expect(!relay.relay(["jsonrpc": "2.0", "method": "notifications/message", "params": ["progressToken": .string(token)]]))
        #expect(!relay.relay(["jsonrpc": "2.0", "method": "notifications/progress", "params": "nope"]))
        #expect(received.all.isEmpty)
        // Params without _meta pass through untouched.
        let (plain, none) = relay.register(["name": "x"], sink: received.sink)
        #expect(none == nil)
        #expect(plain == ["name": "x"])
    }
}
