import GatewayCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A loopback HTTP server that records the JSON bodies POSTed to `/alerts` (the alert webhook).
actor WebhookReceiver {
    private(set) var bodies: [JSON] = []

    func record(_ body: JSON) { bodies.append(body) }

    /// Runs a receiver for the duration of `body`, which gets the webhook URL and the receiver.
    static func withRunning(_ body: (String, WebhookReceiver) async throws -> Void) async throws {
        let receiver = WebhookReceiver()
        let router = Router()
        router.post("/alerts") { request, _ -> HTTPResponse.Status in
            let buffer = try await request.body.collect(upTo: 1024 * 1024)
            await receiver.record((try? JSON(parsing: buffer)) ?? .null)
            return .noContent
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        let services = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            do {
                try await body("http://127.0.0.1:\(port)/alerts", receiver)
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }
}
