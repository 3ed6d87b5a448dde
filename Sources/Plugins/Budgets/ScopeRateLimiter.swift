import GatewayCore

/// Requests per minute, tokens per minute and requests in flight for each scope that has such a limit: a value
/// type kept under the hook's lock, so checking and taking over all of a request's scopes is one atomic step.
struct ScopeRateLimiter: Sendable {
    private struct ScopeUsage: Sendable {
        var window = MinuteWindow()
        var inFlight = 0
    }

    private var usage: [SpendScope: ScopeUsage] = [:]

    /// Admits a request against every scope or none: each scope is checked first, and only when all pass is
    /// the request counted (rpm) and a parallel slot taken, so a rejection leaves nothing to roll back.
    /// - Returns: the scopes holding a parallel slot (release them in ``release(_:)``), or the first scope over
    ///   a limit.
    mutating func admit(_ checked: [ScopedLimits], at now: Double) -> Result<[SpendScope], RateLimitRejection> {
        if let rejection = firstRejection(checked, at: now) { return .failure(rejection) }
        var slots: [SpendScope] = []
        for entry in checked where entry.limits.hasRateLimit {
            usage[entry.scope, default: ScopeUsage()].window.addRequest(at: now)
            if entry.limits.maxParallelRequests != nil {
                usage[entry.scope, default: ScopeUsage()].inFlight += 1
                slots.append(entry.scope)
            }
        }
        return .success(slots)
    }

    /// Frees the parallel slots a request held.
    mutating func release(_ slots: [SpendScope]) {
        for scope in slots {
            guard let current = usage[scope]?.inFlight else { continue }
            usage[scope]?.inFlight = max(0, current - 1)
        }
    }

    /// Counts a finished request's tokens in the current window of each scope.
    mutating func addTokens(_ tokens: Int, to scopes: [SpendScope], at now: Double) {
        guard tokens > 0 else { return }
        for scope in scopes { usage[scope, default: ScopeUsage()].window.addTokens(tokens, at: now) }
    }

    /// The rate-limit headers for these scopes as they stand at `now` (after this request was counted).
    func headers(for checked: [ScopedLimits], at now: Double) -> RateLimitHeaders {
        var headers = RateLimitHeaders()
        for entry in checked {
            let window = usage[entry.scope]?.window ?? MinuteWindow()
            if let rpm = entry.limits.rpmLimit { headers.offerRequests(limit: rpm, used: window.requests(at: now)) }
            if let tpm = entry.limits.tpmLimit { headers.offerTokens(limit: tpm, used: window.tokens(at: now)) }
        }
        return headers
    }

    /// Drops scopes with nothing in flight and nothing counted this minute (the map would otherwise grow with
    /// every key and end user ever seen).
    mutating func prune(at now: Double) {
        usage = usage.filter { $0.value.inFlight > 0 || !$0.value.window.isIdle(at: now) }
    }

    /// Requests this instance counted on a scope in the window holding `now`.
    func requests(_ scope: SpendScope, at now: Double) -> Int { usage[scope]?.window.requests(at: now) ?? 0 }

    /// Tokens this instance counted on a scope in the window holding `now`.
    func tokens(_ scope: SpendScope, at now: Double) -> Int { usage[scope]?.window.tokens(at: now) ?? 0 }

    /// Requests in flight for a scope (for tests and logs).
    func inFlight(_ scope: SpendScope) -> Int { usage[scope]?.inFlight ?? 0 }

    private func firstRejection(_ checked: [ScopedLimits], at now: Double) -> RateLimitRejection? {
        for entry in checked {
            let current = usage[entry.scope] ?? ScopeUsage()
            let name = entry.scope.description
            if let rpm = entry.limits.rpmLimit, current.window.requests(at: now) >= rpm {
                return RateLimitRejection(subject: name, limit: .requestsPerMinute, value: rpm, retryAfter: MinuteWindow.secondsToEnd(from: now))
            }
            if let tpm = entry.limits.tpmLimit, current.window.tokens(at: now) >= tpm {
                return RateLimitRejection(subject: name, limit: .tokensPerMinute, value: tpm, retryAfter: MinuteWindow.secondsToEnd(from: now))
            }
            if let parallel = entry.limits.maxParallelRequests, current.inFlight >= parallel {
                return RateLimitRejection(subject: name, limit: .parallelRequests, value: parallel, retryAfter: 1)
            }
        }
        return nil
    }
}

extension BudgetLimits {
    /// Whether any of rpm, tpm or parallel requests is limited.
    var hasRateLimit: Bool { rpmLimit != nil || tpmLimit != nil || maxParallelRequests != nil }
}
