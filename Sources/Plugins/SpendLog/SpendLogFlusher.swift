import GatewayCore
import ServiceLifecycle

/// Flushes the spend-log writer at once (replaying rows a journal kept from an earlier run), then on an interval
/// until graceful shutdown, then flushes what is left (retrying a few times if the store is briefly down) and
/// closes the journal, so every logged request reaches the store before exit or waits in the journal for the next
/// start.
struct SpendLogFlusher: Service {
    let writer: SpendLogWriter
    let interval: Double

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            await writer.flush()
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
                await writer.flush()
            }
        }
        for attempt in 0..<3 {
            if await writer.flush() { break }
            try? await Task.sleep(for: .milliseconds(200 * (attempt + 1)))
        }
        await writer.close()
    }
}
