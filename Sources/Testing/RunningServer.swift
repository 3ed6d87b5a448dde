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

    /// Serves `router` on a free loopback port for the duration of `body`, logging only critical errors: the stand-in
    /// upstreams and receivers of tests.
    /// - Parameters:
    ///   - label: the server's logger label.
    ///   - backlog: the accept queue; a stand-in provider of load tests wants a deep one (Hummingbird's default: 256).
    ///   - body: receives the bound port.
    public static func serve<T: Sendable>(
        _ router: Router<BasicRequestContext>, label: String, backlog: Int = 256, _ body: (Int) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: label)
        logger.logLevel = .critical
        return try await run(
            { onRunning in
                Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), backlog: backlog), onServerRunning: onRunning,
                    logger: logger)
            }, body)
    }
}
