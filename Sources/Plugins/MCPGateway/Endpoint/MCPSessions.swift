import Foundation
import Synchronization

/// The gateway's own MCP sessions (`Mcp-Session-Id`), one per client `initialize`, each bound to the caller that
/// made it: another key presenting the id is treated as not knowing it (404, as the protocol says for an unknown
/// session), so a session id is worth nothing without its key.
///
/// Held in this instance's memory: a client that reaches another instance behind a load balancer gets a 404 and
/// initializes again, as the protocol expects. Sessions idle for an hour are dropped; at most 100,000 are kept.
final class MCPSessions: Sendable {
    struct Session: Sendable {
        var owner: String
        var protocolVersion: String
        var lastSeen: Date
    }

    static let idleSeconds: Double = 3600
    static let maxSessions = 100_000
    private let sessions = Mutex<[String: Session]>([:])

    init() {}

    /// A new session for `owner`; returns its id.
    func open(owner: String, protocolVersion: String, now: Date = Date()) -> String {
        let id = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        sessions.withLock { sessions in
            if sessions.count >= Self.maxSessions {
                sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < Self.idleSeconds }
                if sessions.count >= Self.maxSessions, let oldest = sessions.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key {
                    sessions[oldest] = nil
                }
            }
            sessions[id] = Session(owner: owner, protocolVersion: protocolVersion, lastSeen: now)
        }
        return id
    }

    /// Whether `id` is a live session of `owner` (and marks it used).
    func touch(_ id: String, owner: String, now: Date = Date()) -> Bool {
        sessions.withLock { sessions in
            guard var session = sessions[id], session.owner == owner, now.timeIntervalSince(session.lastSeen) < Self.idleSeconds else {
                return false
            }
            session.lastSeen = now
            sessions[id] = session
            return true
        }
    }

    /// Ends a session of `owner`; returns whether it existed.
    func close(_ id: String, owner: String) -> Bool {
        sessions.withLock { sessions in
            guard sessions[id]?.owner == owner else { return false }
            sessions[id] = nil
            return true
        }
    }
}
