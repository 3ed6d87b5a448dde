import Foundation
import GatewayCore
import Synchronization

/// The server-side session table: sessions live in this process's memory, expire after a fixed lifetime from login,
/// and end at logout. Nothing about a session is in the cookie but its random id.
///
/// Bounded: past `capacity` sessions the one closest to expiry is dropped to make room. A gateway restart signs
/// everyone out (the sessions are not stored), which is the safe failure.
final class SessionStore: Sendable {
    /// Seconds a session lasts from login.
    let lifetime: Double
    let capacity: Int
    private let clock: @Sendable () -> Double
    private let sessions = Mutex<[String: UISession]>([:])

    /// - Parameters:
    ///   - lifetime: seconds from login to expiry.
    ///   - capacity: the most sessions kept at once.
    ///   - clock: seconds since 1970 (the tests move it).
    init(lifetime: Double, capacity: Int = 10_000, clock: @escaping @Sendable () -> Double = { Date.now.timeIntervalSince1970 }) {
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    /// Starts a session for a credential that authenticated as `principal`.
    func create(credential: String, principal: Principal) -> UISession {
        let now = clock()
        let session = UISession(
            id: SessionToken.random(), csrfToken: SessionToken.random(), credential: credential, principal: principal,
            expiresAt: now + lifetime)
        sessions.withLock { table in
            if table.count >= capacity {
                table = table.filter { $0.value.expiresAt > now }
                if table.count >= capacity, let oldest = table.min(by: { $0.value.expiresAt < $1.value.expiresAt }) {
                    table[oldest.key] = nil
                }
            }
            table[session.id] = session
        }
        return session
    }

    /// The live session with this id; an expired one is removed and nil is returned.
    func session(id: String?) -> UISession? {
        guard let id, !id.isEmpty else { return nil }
        let now = clock()
        return sessions.withLock { table in
            guard let session = table[id] else { return nil }
            guard session.expiresAt > now else {
                table[id] = nil
                return nil
            }
            return session
        }
    }

    /// Ends a session (logout).
    func remove(id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// Sessions held (expired ones included until they are looked up or pushed out).
    var count: Int { sessions.withLock { $0.count } }
}
