import AsyncHTTPClient
import ServiceLifecycle
import UpstreamHTTP1

/// Keeps the shared upstream `HTTPClient` (and the lean client for upstream calls) alive until graceful shutdown,
/// then shuts them down. Registered first, so it stops last, after every request and log that could use it.
struct HTTPClientService: Service {
    let client: HTTPClient
    let http1Client: HTTP1Client?

    func run() async throws {
        try? await gracefulShutdown()
        await http1Client?.shutdown()
        try await client.shutdown()
    }
}
