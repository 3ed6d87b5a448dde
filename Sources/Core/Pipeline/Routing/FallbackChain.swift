/// The model groups a request tries, in order: the requested group, then the fallbacks of each group that failed.
///
/// A group that failed puts its own fallbacks for that failure (``RouterSettings/fallbacks(for:after:)``) at the
/// front of the queue, so `a → [b, c]` with `b → [d]` tries a, b, d, c, as LiteLLM's nested fallbacks do. A group
/// is tried at most once per request; at most ``RouterSettings/maxFallbacks`` fallback groups are tried. The
/// request's own `fallbacks` replace the configured generic fallbacks of the requested group (LiteLLM's
/// request-level fallbacks); context-window and content-policy fallbacks stay as configured.
public struct FallbackChain: Sendable {
    private let primary: String
    private let settings: RouterSettings
    private let requestFallbacks: [String]?
    private var pending: [String]
    private var seen: Set<String>
    private var startedPrimary = false
    /// Fallback groups handed out so far.
    public private(set) var fallbacksUsed = 0

    public init(primary: String, settings: RouterSettings, requestFallbacks: [String]? = nil) {
        self.primary = primary
        self.settings = settings
        self.requestFallbacks = requestFallbacks
        self.pending = [primary]
        self.seen = [primary]
    }

    /// The next group to try: the requested one first, then fallbacks that `usable` accepts (a group the caller may
    /// not use, or one that does not exist for its team, is skipped and does not count against `max_fallbacks`).
    /// - Returns: nil when nothing is left to try.
    public mutating func next(usable: (String) -> Bool) -> String? {
        if !startedPrimary {
            startedPrimary = true
            return pending.removeFirst()
        }
        while fallbacksUsed < settings.maxFallbacks, !pending.isEmpty {
            let group = pending.removeFirst()
            guard usable(group) else { continue }
            fallbacksUsed += 1
            return group
        }
        return nil
    }

    /// Queues `group`'s fallbacks for `failure` ahead of what was queued before.
    public mutating func failed(_ group: String, failure: FailureKind) {
        let targets =
            group == primary && failure == .retryable
            ? (requestFallbacks ?? settings.fallbacks(for: group, after: failure)) : settings.fallbacks(for: group, after: failure)
        let fresh = targets.filter { seen.insert($0).inserted }
        pending.insert(contentsOf: fresh, at: 0)
    }
}
