import GatewayCore
import Logging
import ServiceLifecycle

/// Reloads the stored models on an interval, so a model another gateway process added, changed or deleted
/// reaches this one within the interval. Stops at graceful shutdown.
struct ModelRefreshService: Service {
    let manager: ModelManager
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                    try await manager.reload()
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("stored models could not be reloaded; keeping the current ones", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
