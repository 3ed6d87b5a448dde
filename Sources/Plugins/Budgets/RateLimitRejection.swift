import GatewayCore

/// Why a request was refused by a rate limit: the scope (or deployment), which limit, and when to retry.
struct RateLimitRejection: Error, Sendable, Equatable {
    enum Limit: Sendable, Equatable {
        case requestsPerMinute, tokensPerMinute, parallelRequests
    }

    /// How the message names who is limited (`team 'eng'`, `deployment 'gpt-4o-eu'`).
    var subject: String
    var limit: Limit
    var value: Int
    /// Seconds until the limit frees up: to the minute window's end, 1 for parallel requests.
    var retryAfter: Int

    /// The 429 the client sees; the caller sets `retry-after` from ``retryAfter``.
    var error: GatewayError {
        let what =
            switch limit {
            case .requestsPerMinute: "rpm_limit of \(value) requests per minute"
            case .tokensPerMinute: "tpm_limit of \(value) tokens per minute"
            case .parallelRequests: "max_parallel_requests of \(value) requests in flight"
            }
        return .rateLimited("Rate limit exceeded for \(subject): \(what) reached. Retry after \(retryAfter) s.")
    }
}
