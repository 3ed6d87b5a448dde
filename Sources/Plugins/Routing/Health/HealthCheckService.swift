import GatewayCore
import Logging
import ServiceLifecycle

/// Runs the health checks in the background: once when the server starts (so routing does not wait a whole
/// interval to learn of a dead deployment), then every `health_check_interval` until graceful shutdown.
struct HealthCheckService: Service {
    let checker: HealthChecker
    let interval: Double
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown { await checker.checkAll() }
        let periodic = PeriodicService(
            everySeconds: interval, logger: logger, failureMessage: "health checks failed; keeping the last results"
        ) { await checker.checkAll() }
        try await periodic.run()
    }
}
