/// What the attempt loop reads from config.yaml's `router_settings` (LiteLLM's names and defaults).
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `num_retries` | integer, 0...10 | 0 (as LiteLLM's router) |
/// | `retry_after` | seconds, 0...60: the shortest pause before a deployment is called again | 0.5 |
/// | `fallbacks` | `[{group: [groups]}]` (`*` for every group without its own entry) | none |
/// | `context_window_fallbacks` | same shape, for a prompt too long for the model | none |
/// | `content_policy_fallbacks` | same shape, for a request the upstream refused by policy | none |
/// | `max_fallbacks` | integer, 0...50: fallback groups tried per request | 5 |
/// | `default_max_parallel_requests` | integer: calls in flight per deployment without its own `max_parallel_requests`; 0 for no cap | the server's `upstream_max_connections_per_host` |
///
/// Other `router_settings` keys (`routing_strategy`, `allowed_fails`, `cooldown_time`, health checks) belong to
/// the routing plugin and are left for it. Parsed in `RouterSettings+Parsing.swift`.
public struct RouterSettings: Sendable, Equatable {
    /// Calls made again to a deployment level after a retryable failure, beyond one call per deployment.
    public var numRetries: Int
    /// The backoff floor in seconds; each retry waits a random time between it and `retryAfter × 2ⁿ` (capped).
    public var retryAfter: Double
    /// The longest single pause, also for an upstream's own `retry-after`.
    public var maxBackoff: Double
    /// Model group → groups to try, in order, after every deployment of the group failed retryably.
    public var fallbacks: [String: [String]]
    /// Model group → groups to try when the prompt exceeds the model's context window.
    public var contextWindowFallbacks: [String: [String]]
    /// Model group → groups to try when the upstream refused the request by content policy.
    public var contentPolicyFallbacks: [String: [String]]
    /// Fallback groups tried per request, at most.
    public var maxFallbacks: Int
    /// Upstream calls in flight at once to a deployment that sets no `max_parallel_requests`; 0: no cap; nil: not
    /// set (the server fills in its upstream connections per host; a runner built without a value caps nothing).
    public var defaultMaxParallelRequests: Int?
    /// `litellm_settings.drop_params`: request parameters an upstream's API cannot express are dropped (true) rather
    /// than refused with a 400 naming them (false, the default, as LiteLLM's). A deployment's own `drop_params` wins.
    public var dropParams = false

    public init(
        numRetries: Int = 0, retryAfter: Double = 0.5, maxBackoff: Double = 10, fallbacks: [String: [String]] = [:],
        contextWindowFallbacks: [String: [String]] = [:], contentPolicyFallbacks: [String: [String]] = [:], maxFallbacks: Int = 5
    ) {
        self.numRetries = numRetries
        self.retryAfter = retryAfter
        self.maxBackoff = maxBackoff
        self.fallbacks = fallbacks
        self.contextWindowFallbacks = contextWindowFallbacks
        self.contentPolicyFallbacks = contentPolicyFallbacks
        self.maxFallbacks = maxFallbacks
    }
}
