import Logging
import ServiceLifecycle

/// Every `reconcile_seconds`: merges the store's counters into memory (other instances' spend; see
/// ``SpendLedger``) and resets spend whose `budget_duration` ended, so budgets reset without traffic. Stops at
/// graceful shutdown.
struct SpendReconciler: Service {
    let enforcer: BudgetEnforcer
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                    try await enforcer.reconcile()
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("stored spend counters could not be read; keeping the in-memory ones", metadata: ["error": "\(error)"])
                }
                await enforcer.sweep()
            }
        }
    }
}
