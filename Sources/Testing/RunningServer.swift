public import Hummingbird
import Logging
public import NIOCore
import ServiceLifecycle

/// Runs a Hummingbird application on loopback for the duration of `body`, then shuts it down gracefully: the
/// gateway in tests, and the small stand-in services a plugin's tests need (a webhook receiver, a guardrail).
public enum RunningServer {
    /// - Parameters:
    ///   - makeApplication: builds the app; must pass the given `onServerRunning` through.
    ///   - body: receives the bound port.
    public static func run<T: Sendable>(
        _ makeApplication: (@escaping @Sendable (any Channel) async -> Void) async throws -> some ApplicationProtocol,
        _ body: (Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await makeApplication { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let services = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: Logger(label: "test-server"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            do {
                let result = try await body(port)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}
