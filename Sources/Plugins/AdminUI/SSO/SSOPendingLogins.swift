import Crypto
import Foundation
import GatewayCore
import Synchronization

/// Logins started at `/ui/sso/login` and not yet back at the callback: for each `state`, the `nonce` the ID token
/// must carry and the PKCE verifier the token request proves. Each is used once and lasts ten minutes; at most
/// `capacity` are kept (the oldest dropped), so a flood of started logins cannot grow memory.
final class SSOPendingLogins: Sendable {
    struct Pending: Sendable, Equatable {
        var nonce: String
        var verifier: String
        /// The callback URL the authorization request named (the token request must repeat it).
        var redirectURI: String
        var expiresAt: Double
    }

    static let lifetime = 600.0
    private let capacity: Int
    private let table = Mutex<[String: Pending]>([:])
    private let clock: @Sendable () -> Double

    init(capacity: Int = 10_000, clock: @escaping @Sendable () -> Double = { Date.now.timeIntervalSince1970 }) {
        self.capacity = capacity
        self.clock = clock
    }

    /// Starts a login. - Returns: its state and what the callback will need.
    func start(redirectURI: String) -> (state: String, pending: Pending) {
        let now = clock()
        let state = SessionToken.random()
        let pending = Pending(
            nonce: SessionToken.random(), verifier: SessionToken.random() + SessionToken.random(), redirectURI: redirectURI,
            expiresAt: now + Self.lifetime)
        table.withLock { table in
            if table.count >= capacity {
                table = table.filter { $0.value.expiresAt > now }
                if table.count >= capacity, let oldest = table.min(by: { $0.value.expiresAt < $1.value.expiresAt }) { table[oldest.key] = nil }
            }
            table[state] = pending
        }
        return (state, pending)
    }

    /// Ends the login `state` names: nil when unknown, used already or expired.
    func finish(state: String?) -> Pending? {
        guard let state, !state.isEmpty else { return nil }
        let now = clock()
        return table.withLock { table in
            guard let pending = table.removeValue(forKey: state), pending.expiresAt > now else { return nil }
            return pending
        }
    }

    /// The PKCE S256 challenge of a verifier (RFC 7636): base64url of its SHA-256, unpadded.
    static func challenge(_ verifier: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Data(verifier.utf8))))
    }
}
