import NIOConcurrencyHelpers
import NIOCore

/// The connections open to one upstream across every loop, capped: a request that finds no idle connection and no
/// free slot waits, in arrival order, for one (a slot freed by a closed connection, or a connection going idle).
///
/// Locked only when a connection opens, closes or goes idle, never on the way of a request that reuses one.
final class HTTP1ConnectionLimit: Sendable {
    private struct Waiter {
        let pool: HTTP1LoopPool
        let exchange: HTTP1Exchange
    }

    private struct State {
        var open = 0
        var waiting: [Waiter] = []
    }

    /// What becomes of a connection that went idle.
    enum IdleHandoff {
        /// Pooled: nobody waits.
        case keep
        /// Sent this waiting exchange of the same loop.
        case start(HTTP1Exchange)
        /// Closed: a request waits on another loop, and gets the freed slot.
        case close
    }

    private let maximum: Int
    private let state = NIOLockedValueBox(State())

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Takes a slot for a new connection of `pool` for `exchange`; false queues the exchange until one frees.
    func reserve(for exchange: HTTP1Exchange, on pool: HTTP1LoopPool) -> Bool {
        state.withLockedValue { state in
            guard state.open < maximum else {
                state.waiting.append(Waiter(pool: pool, exchange: exchange))
                return false
            }
            state.open += 1
            return true
        }
    }

    /// A connection closed (or failed to open): its slot goes to the first waiter, who connects on its own loop.
    func release() {
        let next = state.withLockedValue { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.open -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        guard let next else { return }
        next.pool.loop.execute { next.pool.connect(for: next.exchange, slotTaken: true) }
    }

    /// A connection of `pool`'s loop went idle.
    func handoff(idleOn pool: HTTP1LoopPool) -> IdleHandoff {
        state.withLockedValue { state in
            guard !state.waiting.isEmpty else { return .keep }
            if let index = state.waiting.firstIndex(where: { $0.pool === pool }) {
                return .start(state.waiting.remove(at: index).exchange)
            }
            return .close
        }
    }
}

/// The limit of every target the client has connected to, made on first use.
final class HTTP1ConnectionLimits: Sendable {
    private let maximum: Int
    private let limits = NIOLockedValueBox<[HTTP1Target: HTTP1ConnectionLimit]>([:])

    init(maximumPerTarget: Int) {
        maximum = maximumPerTarget
    }

    func limit(for target: HTTP1Target) -> HTTP1ConnectionLimit {
        limits.withLockedValue { limits in
            if let limit = limits[target] { return limit }
            let limit = HTTP1ConnectionLimit(maximum: maximum)
            limits[target] = limit
            return limit
        }
    }
}
