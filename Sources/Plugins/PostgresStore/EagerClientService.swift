import PostgresNIO
import ServiceLifecycle

/// Runs the pooled client from the moment the storage plugin is built, so the plugins built after it can read
/// the store in their `make` (stored models, for one), not only once the server's services have started.
///
/// As a service it holds the client until graceful shutdown (storage stops last), then stops it. If startup
/// fails before the services run, releasing this object stops the client too.
final class EagerClientService: Service, Sendable {
    private let task: Task<Void, Never>

    init(client: PostgresClient) {
        task = Task { await client.run() }
    }

    deinit { task.cancel() }

    func run() async throws {
        try? await gracefulShutdown()
        task.cancel()
        await task.value
    }
}
