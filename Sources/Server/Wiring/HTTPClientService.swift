import AsyncHTTPClient
import ServiceLifecycle

/// Keeps the shared upstream `HTTPClient` alive until graceful shutdown, then shuts it down. Registered first,
/// so it stops last, after every request and log that could use it.
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
