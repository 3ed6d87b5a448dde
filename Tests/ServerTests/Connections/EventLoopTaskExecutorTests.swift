import Dispatch
import NIOCore
import NIOPosix
import Testing

@testable import GatewayServer

/// ``EventLoopTaskExecutor``: a connection's task keeps to its channel's event loop.
struct EventLoopTaskExecutorTests {
    @Test("a task preferring a loop runs on it from the start, after a resume from another thread, and in its child tasks")
    func aTaskKeepsToItsLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loop = group.next()
        let observed = await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
            var onLoop = ["start": loop.inEventLoop]
            await withCheckedContinuation { continuation in DispatchQueue.global().async { continuation.resume() } }
            onLoop["after a Dispatch resume"] = loop.inEventLoop
            async let child = loop.inEventLoop
            onLoop["async let"] = await child
            onLoop["task group"] = await withTaskGroup(of: Bool.self) { tasks in
                tasks.addTask { loop.inEventLoop }
                return await tasks.next() ?? false
            }
            return onLoop
        }
        #expect(observed == ["start": true, "after a Dispatch resume": true, "async let": true, "task group": true])
        try await group.shutdownGracefully()
    }
}
