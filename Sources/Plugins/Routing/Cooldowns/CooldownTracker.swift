import GatewayCore
import HTTPTypes

/// Which deployments are cooling down after failures: a value-type state machine with no clock of its own.
///
/// A retryable failure (429, 408, 5xx, which includes the gateway's 502/504 for unreachable or timed-out
/// upstreams) is counted; more than `allowedFails` of them within `window` seconds cool the deployment down for
/// `cooldownTime` seconds (LiteLLM: "cooldown if it fails more than `allowed_fails` calls in a minute"). A 429
/// that says `retry-after` cools it down at once for that long, bounded by
/// ``RoutingSettings/maxRetryAfterCooldown``: the upstream said when to come back. A client error (400, 404,
/// 413...) says nothing about the deployment and is not counted. A success clears the count.
struct CooldownTracker: Sendable {
    let allowedFails: Int
    let cooldownTime: Double
    let window: Double

    /// Failure times within the window, oldest first (at most `allowedFails + 1` kept).
    private var failures: [String: [Double]] = [:]
    /// When each cooldown ends.
    private(set) var cooldownEnds: [String: Double] = [:]

    init(allowedFails: Int, cooldownTime: Double, window: Double) {
        self.allowedFails = allowedFails
        self.cooldownTime = cooldownTime
        self.window = window
    }

    /// Whether an error says something about the deployment (and so counts toward a cooldown).
    static func isRetryable(_ error: GatewayError) -> Bool {
        let code = error.status.code
        return code == 429 || code == 408 || code >= 500
    }

    /// Records how a call ended.
    /// - Returns: when the deployment's cooldown ends, if this outcome started one.
    @discardableResult
    mutating func record(_ id: String, error: GatewayError?, retryAfter: Double?, at now: Double) -> Double? {
        guard let error else {
            failures[id] = nil
            return nil
        }
        guard Self.isRetryable(error), cooldownTime > 0 || retryAfter != nil else { return nil }
        if error.status.code == 429, let retryAfter, retryAfter.isFinite, retryAfter > 0 {
            return coolDown(id, for: min(retryAfter, RoutingSettings.maxRetryAfterCooldown), at: now)
        }
        guard cooldownTime > 0 else { return nil }
        var recent = (failures[id] ?? []).filter { now - $0 < window }
        recent.append(now)
        guard recent.count > allowedFails else {
            failures[id] = recent
            return nil
        }
        return coolDown(id, for: cooldownTime, at: now)
    }

    /// The candidates not cooling down at `now`. Safety net: when every candidate is cooling down, the one(s)
    /// whose cooldown ends soonest, so a request is never refused only because all deployments failed recently.
    func available(_ candidates: [Deployment], at now: Double) -> [Deployment] {
        guard !cooldownEnds.isEmpty else { return candidates }
        let ready = candidates.filter { (cooldownEnds[$0.id] ?? now) <= now }
        guard ready.isEmpty, !candidates.isEmpty else { return ready }
        let soonest = candidates.map { cooldownEnds[$0.id] ?? now }.min() ?? now
        return candidates.filter { (cooldownEnds[$0.id] ?? now) <= soonest }
    }

    /// Takes on a cooldown another gateway instance started (a later end wins; one already over is ignored).
    /// Counts no failure, so it never starts a cooldown of its own to announce.
    /// - Returns: whether the deployment is cooling down because of it (false for one already over).
    @discardableResult
    mutating func adopt(_ id: String, until end: Double, at now: Double) -> Bool {
        guard end > now else { return false }
        cooldownEnds[id] = max(cooldownEnds[id] ?? end, end)
        return true
    }

    /// Whether the deployment is cooling down at `now`.
    func isCoolingDown(_ id: String, at now: Double) -> Bool { (cooldownEnds[id] ?? now) > now }

    /// Drops cooldowns that have ended (called from the background, so lookups stay small).
    mutating func prune(at now: Double) {
        cooldownEnds = cooldownEnds.filter { $0.value > now }
        failures = failures.compactMapValues { times in
            let recent = times.filter { now - $0 < window }
            return recent.isEmpty ? nil : recent
        }
    }

    private mutating func coolDown(_ id: String, for seconds: Double, at now: Double) -> Double {
        failures[id] = nil
        let end = max(cooldownEnds[id] ?? now, now + seconds)
        cooldownEnds[id] = end
        return end
    }
}
