import Logging
import Synchronization

/// Logs overload without flooding the log: one warning when rejections start, then at most one per interval
/// with the number rejected since the last.
final class OverloadWarnings: Sendable {
    private let logger: Logger
    private let interval: Duration
    private let state = Mutex<(last: ContinuousClock.Instant?, rejected: Int)>((nil, 0))

    init(logger: Logger, interval: Duration = .seconds(10)) {
        self.logger = logger
        self.interval = interval
    }

    func rejected(limit: Int) {
        let now = ContinuousClock.now
        let report: Int? = state.withLock { state in
            state.rejected += 1
            if let last = state.last, now - last < interval { return nil }
            defer { state = (now, 0) }
            return state.rejected
        }
        guard let report else { return }
        logger.warning(
            "requests in flight at global_max_parallel_requests: answering 503",
            metadata: ["limit": "\(limit)", "rejected": "\(report)"])
    }
}
