import NIOCore
import NIOPosix

/// A one-shot timer on the event loop the caller runs on (Swift concurrency runs on the event loops, see
/// `main.swift`), for deadlines armed and cancelled on every call.
///
/// Not a Dispatch timer: arming and cancelling one woke Dispatch's timer thread each time, two thread switches per
/// upstream call or store call. Not a sleeping task: that stays scheduled, holding its task, until the deadline
/// passes even when the work ended long before.
public struct DeadlineTimer: Sendable {
    private let scheduled: Scheduled<Void>

    /// Calls `fire` after `seconds` (cut to 0...86,400; NaN as 0) unless cancelled first.
    public init(seconds: Double, fire: @escaping @Sendable () -> Void) {
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
        // `seconds > 0` is false for NaN, which `max(seconds, 0)` would pass on to a trapping conversion.
        let nanoseconds = Int64((seconds > 0 ? min(seconds, 86_400) : 0) * 1_000_000_000)
        scheduled = loop.scheduleTask(in: .nanoseconds(nanoseconds), fire)
    }

    public func cancel() { scheduled.cancel() }
}
