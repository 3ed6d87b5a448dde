import AWSSigV4
import Synchronization

/// Credentials assumed through STS, cached per ``STSRole`` (role, session name, region, endpoint and the identity
/// that asks: base keys, token or token file) and refreshed before they expire.
///
/// Credentials are used until ``refreshMargin(lifetime:)`` before their `Expiration` (five minutes, as botocore's
/// refreshable credentials do, or half the lifetime of shorter ones); the next call then assumes the role again.
/// One STS call at a time per role: calls that need credentials while one is under way wait for it rather than
/// start their own. A failed refresh is not cached (the next call tries again); while the old credentials have not
/// expired yet, the callers of a failed refresh are given those instead of the error.
///
/// The clock is the provider's (`now`, seconds since 1970), so tests can move time past the margin.
final class AssumedRoleCache: Sendable {
    /// One set of assumed credentials.
    struct Assumed: Sendable {
        var credentials: AWSCredentials
        /// STS's `Expiration`, seconds since 1970.
        var expiration: Double
        /// When the next call assumes the role again.
        var refreshAt: Double
    }

    private struct Entry {
        var assumed: Assumed?
        var pending: Task<Assumed, any Error>?
    }

    private enum Lookup {
        case ready(AWSCredentials)
        case wait(Task<Assumed, any Error>)
    }

    /// Asks STS for a role's credentials, signed with the given keys (nil for a web identity).
    typealias Assume = @Sendable (STSRole, AWSCredentials?, Double) async throws -> (AWSCredentials, expiration: Double)

    private let assume: Assume
    private let now: @Sendable () -> Double
    private let entries = Mutex<[STSRole: Entry]>([:])

    /// - Parameters:
    ///   - now: seconds since 1970.
    ///   - assume: the STS call (``STSClient/assume(_:signingCredentials:timeout:)``).
    init(now: @escaping @Sendable () -> Double, assume: @escaping Assume) {
        self.now = now
        self.assume = assume
    }

    /// Valid credentials for `role`: cached ones, those of the STS call under way, or a new call's. A role chain
    /// (``STSRole/Identity/assumedRole(_:)``) first gets the inner role's credentials the same way.
    /// - Parameter timeout: seconds the STS call may take, when this call starts one.
    /// - Throws: ``STSError``, to this call and every call that waited for the same STS call.
    func credentials(for role: STSRole, timeout: Double) async throws -> AWSCredentials {
        let time = now()
        let found: Lookup = entries.withLock { entries in
            let entry = entries[role]
            if let assumed = entry?.assumed, time < assumed.refreshAt { return .ready(assumed.credentials) }
            if let pending = entry?.pending { return .wait(pending) }
            let previous = entry?.assumed
            let pending = Task { [weak self] () throws -> Assumed in
                guard let self else { throw CancellationError() }
                do {
                    let signing: AWSCredentials? =
                        switch role.identity {
                        case .credentials(let keys): keys
                        case .assumedRole(let inner): try await self.credentials(for: inner, timeout: timeout)
                        case .webIdentityToken, .webIdentityTokenFile: nil
                        }
                    let (credentials, expiration) = try await self.assume(role, signing, timeout)
                    let obtained = self.now()
                    let lifetime = max(expiration - obtained, 0)
                    let assumed = Assumed(
                        credentials: credentials, expiration: expiration, refreshAt: expiration - Self.refreshMargin(lifetime: lifetime))
                    self.entries.withLock { $0[role] = Entry(assumed: assumed, pending: nil) }
                    return assumed
                } catch {
                    self.entries.withLock { $0[role]?.pending = nil }
                    // STS is failing, but the credentials it gave last still work: keep using them until they expire.
                    if let previous, self.now() < previous.expiration { return previous }
                    throw error
                }
            }
            entries[role, default: Entry()].pending = pending
            return .wait(pending)
        }
        switch found {
        case .ready(let credentials): return credentials
        case .wait(let task): return try await task.value.credentials
        }
    }

    /// The secret parts held for `role` and the roles it chains from (to scrub from errors): the current assumed
    /// secret and session token, if any.
    func secrets(for role: STSRole) -> [String] {
        var found = entries.withLock { $0[role]?.assumed?.credentials.secrets ?? [] }
        if case .assumedRole(let inner) = role.identity { found += secrets(for: inner) }
        return found
    }

    /// Every role's credentials currently held (what a test upstream accepts).
    var allAssumed: [Assumed] {
        entries.withLock { $0.values.compactMap(\.assumed) }
    }

    /// How long before their expiry credentials are replaced: five minutes, or half the lifetime of credentials that
    /// live less than ten minutes.
    static func refreshMargin(lifetime: Double) -> Double {
        min(300, lifetime / 2)
    }
}
