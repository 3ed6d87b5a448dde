import AsyncHTTPClient
import Foundation
import GatewayCore
import JWTKit
import Logging
import NIOCore
import NIOHTTP1

/// The identity provider's signing keys (its JWKS), fetched from `JWT_PUBLIC_KEY_URL` or from the `jwks_uri` of
/// its OIDC discovery document, and cached.
///
/// - Cached for `public_key_ttl`; after that the next token triggers a refetch.
/// - A token whose `kid` is not cached triggers a refetch (key rotation is picked up without a restart), at most
///   once per `jwks_refresh_interval_seconds`, so a stream of tokens with made-up key ids cannot make the gateway
///   hammer the IdP.
/// - When a refetch fails (the IdP is down), the cached keys keep verifying, whatever their age; only with nothing
///   cached is the caller told the keys are unavailable (503).
/// - Concurrent callers share one fetch.
actor KeySetCache {
    /// The keys of one fetch.
    struct KeySet: Sendable {
        let collection: JWTKeyCollection
        let keyIDs: Set<String>
    }

    private let publicKeyURLs: [String]
    private let issuer: String?
    private let client: HTTPClient
    private let ttl: Duration
    private let refreshInterval: Duration
    private let logger: Logger
    private var cached: KeySet?
    private var fetchedAt: ContinuousClock.Instant?
    private var lastAttempt: ContinuousClock.Instant?
    private var inFlight: Task<KeySet, any Error>?
    /// The JWKS URL the discovery document named, once read.
    private var discoveredURL: String?

    init(settings: JWTAuthSettings, client: HTTPClient, logger: Logger) {
        publicKeyURLs = settings.publicKeyURLs
        issuer = settings.issuer
        self.client = client
        ttl = .milliseconds(Int64(settings.publicKeyTTL * 1000))
        refreshInterval = .milliseconds(Int64(settings.refreshInterval * 1000))
        self.logger = logger
    }

    /// The keys to verify a token signed with `keyID`: the cached ones, refetched first when they are older than
    /// the TTL or lack `keyID` (each at most once per refresh interval).
    /// - Throws: ``JWTAuthError/keysUnavailable()`` when nothing is cached and the fetch fails.
    func keys(for keyID: String?) async throws -> KeySet {
        let now = ContinuousClock.now
        let mayFetch = lastAttempt.map { now - $0 >= refreshInterval } ?? true
        if let cached {
            let stale = fetchedAt.map { now - $0 >= ttl } ?? true
            let missing = keyID.map { !cached.keyIDs.contains($0) } ?? false
            guard (stale || missing) && mayFetch else { return cached }
            do {
                return try await refresh()
            } catch {
                logger.warning("identity provider keys could not be refetched; the cached keys stay in use", metadata: ["error": "\(error)"])
                return cached
            }
        }
        guard mayFetch || inFlight != nil else { throw JWTAuthError.keysUnavailable() }
        do {
            return try await refresh()
        } catch {
            logger.error("identity provider keys could not be fetched", metadata: ["error": "\(error)"])
            throw JWTAuthError.keysUnavailable()
        }
    }

    /// One fetch, shared by every caller waiting for it.
    private func refresh() async throws -> KeySet {
        if let inFlight { return try await inFlight.value }
        lastAttempt = .now
        let task = Task { try await self.fetch() }
        inFlight = task
        defer { inFlight = nil }
        let keySet = try await task.value
        cached = keySet
        fetchedAt = .now
        return keySet
    }

    private func fetch() async throws -> KeySet {
        var urls = publicKeyURLs
        if urls.isEmpty { urls = [try await jwksURLFromDiscovery()] }
        let collection = JWTKeyCollection()
        var keyIDs: Set<String> = []
        for url in urls {
            let document = try await getJSON(url)
            guard let keys = document["keys"]?.arrayValue else { throw KeyFetchError("\(url) is not a JWKS (no 'keys' list)") }
            for key in keys {
                // Encryption keys and key types jwt-kit cannot verify with are skipped, not fatal: the others still work.
                if key["use"]?.stringValue == "enc" { continue }
                guard let kid = key["kid"]?.stringValue, let jwk = try? key.decode(JWK.self) else { continue }
                do {
                    try await collection.add(jwk: jwk)
                    keyIDs.insert(kid)
                } catch {
                    logger.warning("skipped an identity provider key jwt-kit cannot use", metadata: ["kid": "\(kid)", "error": "\(error)"])
                }
            }
        }
        logger.info("identity provider keys fetched", metadata: ["kids": "\(keyIDs.sorted().joined(separator: ","))"])
        return KeySet(collection: collection, keyIDs: keyIDs)
    }

    private func jwksURLFromDiscovery() async throws -> String {
        if let discoveredURL { return discoveredURL }
        guard let issuer else { throw KeyFetchError("no JWKS URL and no issuer to discover it from") }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let document = try await getJSON(base + "/.well-known/openid-configuration")
        guard let url = document["jwks_uri"]?.stringValue, url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw KeyFetchError("the discovery document of \(issuer) names no jwks_uri")
        }
        discoveredURL = url
        return url
    }

    private func getJSON(_ url: String) async throws -> JSON {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await client.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw KeyFetchError("\(url) answered \(response.status.code)") }
        return try JSONParser.parse(body.readableBytesView)
    }
}

/// Why the keys could not be fetched (logged; the caller sees ``JWTAuthError/keysUnavailable()``).
struct KeyFetchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
