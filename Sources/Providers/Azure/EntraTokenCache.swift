import Synchronization

/// Access tokens exchanged for Entra ID client credentials, cached per credentials and refreshed before they expire.
///
/// A token is used until ``refreshMargin(lifetime:)`` before its expiry (five minutes, or half the lifetime of a
/// short-lived one), then the next call exchanges the credentials again. One exchange at a time per credentials:
/// calls that need a token while an exchange is under way wait for it instead of starting their own. A failed
/// exchange is not cached: the next call tries again.
final class EntraTokenCache: Sendable {
    /// One exchanged token.
    struct Token: Sendable {
        var value: String
        /// When the next call should exchange again.
        var refreshAt: ContinuousClock.Instant
    }

    /// What the cache knows for one set of credentials.
    private struct Entry {
        var token: Token?
        var pending: Task<Token, any Error>?
    }

    /// A cached token, or the exchange to wait for.
    private enum Lookup {
        case ready(String)
        case wait(Task<Token, any Error>)
    }

    /// Exchanges credentials for a token value and its lifetime in seconds.
    typealias Exchange = @Sendable (EntraCredentials) async throws -> (value: String, lifetime: Double)

    private let exchange: Exchange
    private let entries = Mutex<[EntraCredentials: Entry]>([:])
    /// The time a token is checked against (tests move it instead of waiting).
    private let now: @Sendable () -> ContinuousClock.Instant

    init(now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }, exchange: @escaping Exchange) {
        self.now = now
        self.exchange = exchange
    }

    /// A valid token for `credentials`: the cached one, the one an exchange under way brings, or a new exchange's.
    /// - Throws: the exchange's error (a ``GatewayError``), to this call and every call that waited for it.
    func token(for credentials: EntraCredentials) async throws -> String {
        let now = self.now()
        let clock = self.now
        let found: Lookup = entries.withLock { entries in
            if let token = entries[credentials]?.token, token.refreshAt > now { return .ready(token.value) }
            if let pending = entries[credentials]?.pending { return .wait(pending) }
            let exchange = self.exchange
            let pending = Task { [weak self] in
                do {
                    let (value, lifetime) = try await exchange(credentials)
                    let token = Token(value: value, refreshAt: clock() + .seconds(lifetime - Self.refreshMargin(lifetime: lifetime)))
                    self?.entries.withLock { $0[credentials] = Entry(token: token, pending: nil) }
                    return token
                } catch {
                    self?.entries.withLock { $0[credentials]?.pending = nil }
                    throw error
                }
            }
            entries[credentials, default: Entry()].pending = pending
            return .wait(pending)
        }
        switch found {
        case .ready(let value): return value
        case .wait(let task): return try await task.value.value
        }
    }

    /// The tokens held for `credentials` (to scrub from upstream errors): the current one, if any.
    func cachedTokens(for credentials: EntraCredentials) -> [String] {
        entries.withLock { $0[credentials]?.token.map { [$0.value] } ?? [] }
    }

    /// How long before its expiry a token is replaced: five minutes (as Azure's identity libraries do), or half the
    /// lifetime of a token that lives less than ten minutes.
    static func refreshMargin(lifetime: Double) -> Double {
        min(300, lifetime / 2)
    }
}
