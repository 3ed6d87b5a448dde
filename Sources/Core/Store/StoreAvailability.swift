import Foundation
public import Logging
import Synchronization

/// A store's availability as its connector knows it, shared by the store's calls (which fail at once with
/// ``StoreError/unavailable(_:)`` while it is unreachable, instead of queueing for a database that is gone),
/// `/health/readiness`, and startup readers that wait for the store (``StartupLoad``).
///
/// Every change of state is logged here, once: a warning with the reason when the store becomes unreachable, a
/// notice when it is reachable again (and when it starts and ends migrating). Retries that change nothing log nothing, so an outage costs two log lines
/// however long it lasts.
public final class StoreAvailability: Sendable {
    private struct Waiter {
        let until: @Sendable (StoreStatus.State) -> Bool
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// A call of ``wait(until:)``: created first, then given its continuation, or cancelled in between.
    private enum Slot {
        case pending
        case waiting(Waiter)
        case cancelled
    }

    private struct State {
        var status: StoreStatus
        var slots: [UInt64: Slot] = [:]
        var nextSlot: UInt64 = 0
    }

    private let state: Mutex<State>
    private let kind: String
    private let logger: Logger
    private let clock: @Sendable () -> Double

    /// - Parameters:
    ///   - kind: the store's kind, for the log (`postgres`).
    ///   - initial: the first state (`connecting`: nothing is known until the startup migration tried).
    ///   - logger: where state changes are logged.
    ///   - clock: seconds since 1970; nil for the wall clock (tests pass their own).
    public init(kind: String, initial: StoreStatus.State = .connecting, logger: Logger, clock: (@Sendable () -> Double)? = nil) {
        let clock = clock ?? { Date().timeIntervalSince1970 }
        self.kind = kind
        self.logger = logger
        self.clock = clock
        self.state = Mutex(State(status: StoreStatus(initial, since: clock())))
    }

    /// The current state, since when, and why.
    public var status: StoreStatus { state.withLock { $0.status } }

    /// Whether calls may go to the store: not while it is known to be unreachable or half-migrated. `connecting`
    /// lets them through (the startup migration has not said otherwise yet).
    public var isUsable: Bool {
        let current = state.withLock { $0.status.state }
        return current == .ready || current == .connecting
    }

    /// Throws ``StoreError/unavailable(_:)`` with the reason when ``isUsable`` is false; costs one lock otherwise.
    public func checkUsable() throws {
        let status = status
        guard status.state != .ready, status.state != .connecting else { return }
        throw StoreError.unavailable("storage is \(status.state.rawValue): \(status.reason ?? "no reason known")")
    }

    /// Moves to `state` and wakes the waiters it satisfies; logs when the state changes.
    /// - Parameters:
    ///   - state: the new state.
    ///   - reason: why the store is not ready (kept for readiness); ignored for `ready`.
    /// - Returns: whether the state changed.
    @discardableResult
    public func update(_ state: StoreStatus.State, reason: String? = nil) -> Bool {
        let now = clock()
        let (previous, woken) = self.state.withLock { current -> (StoreStatus.State, [CheckedContinuation<Void, any Error>]) in
            let previous = current.status.state
            if previous != state { current.status = StoreStatus(state, since: now) }
            current.status.reason = state == .ready ? nil : reason ?? current.status.reason
            var due: [CheckedContinuation<Void, any Error>] = []
            for (id, slot) in current.slots {
                guard case .waiting(let waiter) = slot, waiter.until(state) else { continue }
                current.slots[id] = nil
                due.append(waiter.continuation)
            }
            return (previous, due)
        }
        for continuation in woken { continuation.resume() }
        guard previous != state else { return false }
        log(from: previous, to: state, reason: reason)
        return true
    }

    /// Returns once the store is ready (at once when it is).
    /// - Throws: `CancellationError` when the task is cancelled first.
    public func waitUntilReady() async throws {
        try await wait { $0 == .ready }
    }

    /// Returns once the state satisfies `until` (at once when it does).
    /// - Throws: `CancellationError` when the task is cancelled first.
    public func wait(until: @escaping @Sendable (StoreStatus.State) -> Bool) async throws {
        let id = state.withLock { state in
            state.nextSlot += 1
            state.slots[state.nextSlot] = .pending
            return state.nextSlot
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Result<Void, any Error>? = state.withLock { state in
                    if case .cancelled? = state.slots[id] {
                        state.slots[id] = nil
                        return .failure(CancellationError())
                    }
                    if until(state.status.state) {
                        state.slots[id] = nil
                        return .success(())
                    }
                    state.slots[id] = .waiting(Waiter(until: until, continuation: continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                switch state.slots[id] {
                case .waiting(let waiter)?:
                    state.slots[id] = nil
                    return waiter
                case .pending?:
                    state.slots[id] = .cancelled
                    return nil
                case .cancelled?, nil:
                    return nil
                }
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func log(from previous: StoreStatus.State, to state: StoreStatus.State, reason: String?) {
        let metadata: Logger.Metadata = ["storage": .string(kind), "reason": .string(reason ?? "")]
        switch state {
        case .unreachable:
            logger.warning("storage unreachable; requests that need it answer 503 until it is back, retrying", metadata: metadata)
        case .migrating:
            logger.notice("storage reachable; applying migrations", metadata: ["storage": .string(kind)])
        case .ready where previous == .migrating:
            logger.notice("storage ready", metadata: ["storage": .string(kind)])
        case .ready where previous == .unreachable:
            logger.notice("storage reachable", metadata: ["storage": .string(kind)])
        case .ready, .connecting:
            break
        }
    }
}
