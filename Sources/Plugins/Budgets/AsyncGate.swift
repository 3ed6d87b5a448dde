import Synchronization

/// An async mutex: one task inside at a time, the others suspended in arrival order (not on a thread). Budget
/// admission holds it while growing leases in the store, so a burst of requests costs one store round trip, not one
/// each.
final class AsyncGate: Sendable {
    private struct State {
        var occupied = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Returns once the caller is the one inside; pair with ``leave()``.
    func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state in
                if state.occupied {
                    state.waiting.append(continuation)
                    return false
                }
                state.occupied = true
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    /// Lets the next waiter in (or leaves the gate open).
    func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.occupied = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
