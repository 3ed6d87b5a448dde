/// What an instance asks of ``SharedLimitStore/leaseRateWindow(_:)`` for one scope and minute window.
public struct RateWindowRequest: Sendable, Hashable {
    public var scope: SpendScope
    public var instanceID: String
    /// The window's start, seconds since 1970 (a multiple of 60).
    public var windowStart: Double
    /// `rpm_limit`; nil grants every request asked for.
    public var requestLimit: Int?
    /// Requests wanted beyond those already leased this window (0: only report tokens and read the totals).
    public var requests: Int
    /// Below this many, no request is leased.
    public var minimumRequests: Int
    /// This instance's tokens counted in the window so far (an absolute value: a repeated report counts once).
    public var tokens: Int

    public init(
        scope: SpendScope, instanceID: String, windowStart: Double, requestLimit: Int?, requests: Int, minimumRequests: Int, tokens: Int
    ) {
        self.scope = scope
        self.instanceID = instanceID
        self.windowStart = windowStart
        self.requestLimit = requestLimit
        self.requests = requests
        self.minimumRequests = minimumRequests
        self.tokens = tokens
    }
}

/// A scope's minute window as stored after ``SharedLimitStore/leaseRateWindow(_:)``.
public struct RateWindowLease: Sendable, Hashable {
    /// Requests this instance holds in the window (all it was ever granted there).
    public var requests: Int
    /// Requests leased in the window by every instance.
    public var totalRequests: Int
    /// Tokens reported in the window by every instance.
    public var totalTokens: Int

    public init(requests: Int, totalRequests: Int, totalTokens: Int) {
        self.requests = requests
        self.totalRequests = totalRequests
        self.totalTokens = totalTokens
    }
}
