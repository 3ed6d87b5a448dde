import GatewayCore
import Logging
import ServiceLifecycle

/// The background side of shared limits: reports and reads rate-window tokens every `rate_limit_sync_seconds`,
/// renews budget leases every third of their TTL, and on graceful shutdown hands the leases' headroom back.
struct SharedLimitSync: Service {
    let enforcer: BudgetEnforcer
    let syncSeconds: Double
    let renewSeconds: Double
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            let clock = ContinuousClock()
            var nextRenewal = clock.now
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .milliseconds(Int64(syncSeconds * 1000)))
                    try await enforcer.syncTokens()
                    if clock.now >= nextRenewal {
                        nextRenewal = clock.now + .milliseconds(Int64(renewSeconds * 1000))
                        try await enforcer.upkeepLeases()
                    }
                } catch is CancellationError {
                    break
                } catch {
                    logger.warning("shared budget leases or rate windows could not be synced; retrying", metadata: ["error": "\(error)"])
                }
            }
        }
        do {
            try await withTimeout(seconds: 5) { [enforcer] in try await enforcer.releaseLeases() }
        } catch {
            logger.warning("budget leases not handed back at shutdown; they free up when they expire", metadata: ["error": "\(error)"])
        }
    }
}
