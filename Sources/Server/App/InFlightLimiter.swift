import Synchronization

/// Counts the requests the gateway is handling against `general_settings.global_max_parallel_requests`. Lock-free:
/// one atomic add to take a slot, one to give it back.
final class InFlightLimiter: Sendable {
    let limit: Int
    private let inFlight = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot; false (and nothing taken) when every slot is in use.
    func tryAcquire() -> Bool {
        if inFlight.wrappingAdd(1, ordering: .relaxed).newValue <= limit { return true }
        inFlight.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    func release() {
        inFlight.wrappingSubtract(1, ordering: .relaxed)
    }
}

/// One taken slot, given back exactly once: by ``release()`` or, failing that, when the last reference goes.
final class InFlightSlot: Sendable {
    private let limiter: InFlightLimiter
    private let released = Atomic<Bool>(false)

    init(_ limiter: InFlightLimiter) {
        self.limiter = limiter
    }

    deinit { release() }

    func release() {
        if !released.exchange(true, ordering: .relaxed) { limiter.release() }
    }
}
