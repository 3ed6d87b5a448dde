public import AsyncHTTPClient
import Foundation
public import GatewayCore

/// Google Cloud access tokens for deployments: their credentials resolved (``GoogleCredentials``, each resolution
/// kept a minute by ``GoogleCredentialCache``), a token obtained for them (``GoogleTokenExchange``) and cached per credentials in a
/// ``RefreshingCache``: used until five minutes before it expires, one exchange at a time however many calls need it,
/// the previous token kept while a refresh fails and it is still valid.
public final class GoogleAccessTokens: Sendable {
    private let cache: RefreshingCache<GoogleCredentials, String>
    private let exchange: GoogleTokenExchange
    private let resolved = GoogleCredentialCache()

    /// - Parameters:
    ///   - httpClient: the client for the token endpoint and the metadata server.
    ///   - now: seconds since 1970: the JWT's `iat` and the clock tokens expire on (tests move it); nil is the clock.
    public init(httpClient: HTTPClient, now: (@Sendable () -> Double)? = nil) {
        let now = now ?? { Date().timeIntervalSince1970 }
        self.cache = RefreshingCache(now: now)
        self.exchange = GoogleTokenExchange(httpClient: httpClient, now: now)
    }

    /// The credentials of a deployment (``GoogleCredentials/resolve(vertexCredentials:environment:readFile:)``, kept a
    /// minute).
    /// - Throws: ``GoogleAuthError`` naming what is missing or malformed.
    public func credentials(vertexCredentials: JSON?, environment: [String: String]) throws(GoogleAuthError) -> GoogleCredentials {
        try resolved.credentials(vertexCredentials: vertexCredentials, environment: environment)
    }

    /// A valid access token for `credentials`: the cached one, or the one an exchange (under way, or started now) brings.
    /// - Parameter timeout: seconds the exchange may take, when this call starts one.
    /// - Throws: ``GoogleAuthError``, to this call and every call that waited for the same exchange.
    public func token(for credentials: GoogleCredentials, timeout: Double) async throws(GoogleAuthError) -> String {
        let (exchange, clock) = (self.exchange, cache.now)
        do {
            return try await cache.value(for: credentials) {
                let (value, lifetime) = try await exchange.exchange(credentials, timeout: timeout)
                return (value, clock() + lifetime)
            }
        } catch let error as GoogleAuthError {
            throw error
        } catch {
            throw GoogleAuthError("Obtaining a Google access token was interrupted.")
        }
    }

    /// The token held for `credentials`, if any (to scrub from errors).
    public func cachedToken(for credentials: GoogleCredentials) -> String? {
        cache.cached(for: credentials)?.value
    }
}
