import Foundation
import Synchronization

/// Calls per minute to each upstream server (`rpm_limit`, every caller together) and per key to each server
/// (`key_rpm_limit`) and per team to each server (`team_rpm_limit`), counted in this instance's memory in fixed one-minute windows.
///
/// A pure counter behind a lock: ``admit(server:key:limits:now:)`` decides and counts in one step, so two calls at the
/// limit cannot both pass.
final class MCPRateLimiter: Sendable {
    struct Limits: Sendable {
        var perServer: Int?
        var perKey: Int?
        var perTeam: Int? = nil
    }

    private struct Window {
        var minute: Int64
        var count: Int
    }

    private let windows = Mutex<[String: Window]>([:])

    init() {}

    /// Counts a call when it is under both limits; otherwise returns the refusal's message and the seconds until the
    /// window ends.
    func admit(server: String, key: String?, team: String? = nil, limits: Limits, now: Date = Date()) -> (message: String, retryAfter: Double)? {
        let seconds = now.timeIntervalSince1970
        let minute = Int64(seconds / 60)
        let retryAfter = Double(minute + 1) * 60 - seconds
        var checks: [(String, Int, String)] = []
        if let limit = limits.perServer {
            checks.append(("server:\(server)", limit, "MCP server '\(server)' is at its limit of \(limit) calls per minute."))
        }
        if let limit = limits.perKey, let key {
            checks.append(("key:\(server):\(key)", limit, "This key is at its limit of \(limit) calls per minute to the MCP server '\(server)'."))
        }
        if let limit = limits.perTeam, let team {
            checks.append(("team:\(server):\(team)", limit, "This team is at its limit of \(limit) calls per minute to the MCP server '\(server)'."))
        }
        guard !checks.isEmpty else { return nil }
        return windows.withLock { windows in
            for (name, limit, message) in checks {
                let window = windows[name].flatMap { $0.minute == minute ? $0 : nil } ?? Window(minute: minute, count: 0)
                if window.count >= limit { return (message, retryAfter) }
            }
            for (name, _, _) in checks {
                var window = windows[name].flatMap { $0.minute == minute ? $0 : nil } ?? Window(minute: minute, count: 0)
                window.count += 1
                windows[name] = window
            }
            if windows.count > 100_000 { windows = windows.filter { $0.value.minute == minute } }
            return nil
        }
    }
}
