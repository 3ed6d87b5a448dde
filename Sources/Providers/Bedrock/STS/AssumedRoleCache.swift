import AWSSigV4
import GatewayCore

/// Credentials assumed through STS, cached per ``STSRole`` (role, session name, region, endpoint and the identity
/// that asks: base keys, token or token file) in a ``RefreshingCache``: refreshed five minutes before their
/// `Expiration` (as botocore's refreshable credentials do, or half the lifetime of shorter ones), one STS call at a
/// time per role, and the old credentials kept while STS fails and they have not expired.
///
/// The clock is the provider's (`now`, seconds since 1970), so tests can move time past the margin.
final class AssumedRoleCache: Sendable {
    /// One set of assumed credentials.
    struct Assumed: Sendable {
        var credentials: AWSCredentials
        /// STS's `Expiration`, seconds since 1970.
        var expiration: Double
    }

    /// Asks STS for a role's credentials, signed with the given keys (nil for a web identity).
    typealias Assume = @Sendable (STSRole, AWSCredentials?, Double) async throws -> (AWSCredentials, expiration: Double)

    private let assume: Assume
    private let cache: RefreshingCache<STSRole, AWSCredentials>

    /// - Parameters:
    ///   - now: seconds since 1970.
    ///   - assume: the STS call (``STSClient/assume(_:signingCredentials:timeout:)``).
    init(now: @escaping @Sendable () -> Double, assume: @escaping Assume) {
        self.cache = RefreshingCache(now: now)
        self.assume = assume
    }

    /// Valid credentials for `role`: cached ones, those of the STS call under way, or a new call's. A role chain
    /// (``STSRole/Identity/assumedRole(_:)``) first gets the inner role's credentials the same way.
    /// - Parameter timeout: seconds the STS call may take, when this call starts one.
    /// - Throws: ``STSError``, to this call and every call that waited for the same STS call.
    func credentials(for role: STSRole, timeout: Double) async throws -> AWSCredentials {
        try await cache.value(for: role) { [self] in
            let signing: AWSCredentials? =
                switch role.identity {
                case .credentials(let keys): keys
                case .assumedRole(let inner): try await credentials(for: inner, timeout: timeout)
                case .webIdentityToken, .webIdentityTokenFile: nil
                }
            let (credentials, expiration) = try await assume(role, signing, timeout)
            return (credentials, expiration)
        }
    }

    /// The secret parts held for `role` and the roles it chains from (to scrub from errors): the current assumed
    /// secret and session token, if any.
    func secrets(for role: STSRole) -> [String] {
        var found = cache.cached(for: role)?.value.secrets ?? []
        if case .assumedRole(let inner) = role.identity { found += secrets(for: inner) }
        return found
    }

    /// Every role's credentials currently held (what a test upstream accepts).
    var allAssumed: [Assumed] {
        cache.allCached.map { Assumed(credentials: $0.value, expiration: $0.expiresAt) }
    }
}
