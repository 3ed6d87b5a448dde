import GatewayCore
import ServiceLifecycle

/// Flushes the spend-log buffer on an interval until graceful shutdown, then flushes what is left (retrying a
/// few times if the store is briefly down), so every logged request reaches the store before exit.
struct SpendLogFlusher: Service {
    let writer: SpendLogWriter
    let interval: Double

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
                await writer.flush()
            }
        }
        for attempt in 0..<3 {
            if await writer.flush() { return }
            try? await Task.sleep(for: .milliseconds(200 * (attempt + 1)))
        }
    }
}
