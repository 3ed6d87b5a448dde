import GatewayCore
import Synchronization

/// Per-request state between a request's pre-call check and the end of its answer: which post-call guardrails
/// were selected (the body fields that chose them are gone by then), and for streams the tail of each choice's
/// text so far (the sliding window) and, for `http` and shadow guardrails, the text to check when the choice ends.
///
/// Kept in one Mutex dictionary keyed by request id. An entry is dropped when the answer is complete (after
/// `postCall`, or when a stream's choices have all finished or its usage chunk arrives) and, for requests that
/// never got an answer (an upstream error), by a sweep of entries idle for longer than `ttl`, run at most once
/// a minute when an entry is added, so no background task is needed.
final class RequestStates: Sendable {
    struct State: Sendable {
        var postCall: [String]
        /// Post-call guardrails of shadow policy versions (their stream text is kept whole, checked when a choice ends).
        var shadowPostCall: [PolicyGuardrails.Shadow] = []
        /// The last characters sent per choice index, for matches split across chunks.
        var tails: [Int: String] = [:]
        /// The whole text per choice index, only while an `http` post-call guardrail is selected.
        var fullTexts: [Int: String] = [:]
        var finished: Set<Int> = []
        var lastSeen: ContinuousClock.Instant
    }

    private struct Table {
        var states: [String: State] = [:]
        var lastSweep: ContinuousClock.Instant
    }

    private let table: Mutex<Table>
    private let ttl: Duration
    private static let sweepInterval: Duration = .seconds(60)

    init(ttl: Duration = .seconds(600)) {
        self.ttl = ttl
        table = Mutex(Table(lastSweep: .now))
    }

    /// Starts the state of a request.
    func begin(_ requestID: String, postCall: [String], shadowPostCall: [PolicyGuardrails.Shadow] = []) {
        let now = ContinuousClock.now
        table.withLock { table in
            table.states[requestID] = State(postCall: postCall, shadowPostCall: shadowPostCall, lastSeen: now)
            guard now - table.lastSweep >= Self.sweepInterval else { return }
            table.lastSweep = now
            let ttl = ttl
            table.states = table.states.filter { now - $0.value.lastSeen < ttl }
        }
    }

    /// Runs `body` on the request's state, if it has one, and marks it as seen.
    @discardableResult
    func update<Result>(_ requestID: String, _ body: (inout State) -> Result) -> Result? {
        table.withLock { table in
            guard var state = table.states[requestID] else { return nil }
            state.lastSeen = .now
            let result = body(&state)
            table.states[requestID] = state
            return result
        }
    }

    /// Removes the request's state and returns it.
    @discardableResult
    func end(_ requestID: String) -> State? {
        table.withLock { $0.states.removeValue(forKey: requestID) }
    }

    /// How many requests have state (for tests).
    var count: Int { table.withLock { $0.states.count } }
}
