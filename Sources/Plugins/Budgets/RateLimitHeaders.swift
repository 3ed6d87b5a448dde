import GatewayCore
import HTTPTypes

/// LiteLLM's rate-limit headers, from the most constrained scope: the one with the fewest requests (tokens) left
/// this minute, the lower limit on a tie. A pair is omitted when no scope limits requests (tokens).
struct RateLimitHeaders: Sendable, Equatable {
    struct Pair: Sendable, Equatable {
        var limit: Int
        var remaining: Int

        /// Whether this pair constrains more than `other`.
        func isTighter(than other: Pair) -> Bool { (remaining, limit) < (other.remaining, other.limit) }
    }

    static let limitRequests = HTTPField.Name("x-ratelimit-limit-requests")!
    static let remainingRequests = HTTPField.Name("x-ratelimit-remaining-requests")!
    static let limitTokens = HTTPField.Name("x-ratelimit-limit-tokens")!
    static let remainingTokens = HTTPField.Name("x-ratelimit-remaining-tokens")!
    static let retryAfter = HTTPField.Name("retry-after")!

    var requests: Pair?
    var tokens: Pair?

    /// Keeps the request limit of one scope if it is the tightest so far.
    mutating func offerRequests(limit: Int, used: Int) {
        let pair = Pair(limit: limit, remaining: max(0, limit - used))
        if requests.map(pair.isTighter) ?? true { requests = pair }
    }

    /// Keeps the token limit of one scope if it is the tightest so far.
    mutating func offerTokens(limit: Int, used: Int) {
        let pair = Pair(limit: limit, remaining: max(0, limit - used))
        if tokens.map(pair.isTighter) ?? true { tokens = pair }
    }

    /// Sets the pairs that exist on the response.
    func apply(to response: ResponseHeaders) {
        if let requests {
            response.set(Self.limitRequests, String(requests.limit))
            response.set(Self.remainingRequests, String(requests.remaining))
        }
        if let tokens {
            response.set(Self.limitTokens, String(tokens.limit))
            response.set(Self.remainingTokens, String(tokens.remaining))
        }
    }
}
