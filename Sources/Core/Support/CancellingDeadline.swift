/// Runs `work` in its own task and cancels it after `seconds`, throwing ``TimeoutError``.
///
/// Not ``withTimeout(seconds:_:)``: the `Task.sleep` in it stays scheduled, holding its task, until the deadline
/// passes even when the work ended long before (about 1 KB per request for the deployment's timeout). The timer here
/// (``DeadlineTimer``) is removed the moment the work ends. Cancelling the caller cancels the work and rethrows its
/// error.
func withCancellingDeadline<Result: Sendable>(
    seconds: Double, _ work: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    let running = Task { try await work() }
    let timer = DeadlineTimer(seconds: seconds) { running.cancel() }
    defer { timer.cancel() }
    do {
        return try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            running.cancel()
        }
    } catch  where running.isCancelled && !Task.isCancelled {
        // Cancelled by the deadline, not by the caller.
        throw TimeoutError()
    }
}
