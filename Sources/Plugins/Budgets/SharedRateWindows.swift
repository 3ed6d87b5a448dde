import GatewayCore

/// The shared side of `rpm_limit` and `tpm_limit` across instances (``SharedLimitStore/leaseRateWindow(_:)``).
///
/// Requests are leased: an instance admits a request in a minute window only while it has admitted fewer than the
/// requests the store granted it there, and asks for a slice more when it has not (so all instances together never
/// pass `rpm_limit`). Tokens are counted after the call and synced: each instance reports its window's tokens every
/// `rate_limit_sync_seconds` and reads the others', and refuses once its own plus the others' last read reach `tpm_limit`.
struct SharedRateWindows: Sendable {
    struct Window: Sendable, Equatable {
        var start: Double
        var leased = 0
        var othersTokens = 0
        var tokenLimited = false
    }

    /// Requests to lease before a request fits.
    struct Need: Sendable, Equatable {
        var scope: SpendScope
        var windowStart: Double
        var limit: Int
        var requests: Int
    }

    let fraction: Double
    private var windows: [SpendScope: Window] = [:]

    init(fraction: Double) { self.fraction = fraction }

    /// Nil when this instance may admit one more request on the scope this window.
    func need(_ scope: SpendScope, rpm: Int, localRequests: Int, at now: Double) -> Need? {
        let start = MinuteWindow.start(of: now)
        let leased = windows[scope].map { $0.start == start ? $0.leased : 0 } ?? 0
        guard localRequests >= leased else { return nil }
        let slice = max(1, Int(Double(rpm) * fraction))
        return Need(scope: scope, windowStart: start, limit: rpm, requests: slice)
    }

    /// The other instances' tokens in the scope's current window, as last read.
    func othersTokens(_ scope: SpendScope, at now: Double) -> Int {
        guard let window = windows[scope], window.start == MinuteWindow.start(of: now) else { return 0 }
        return window.othersTokens
    }

    /// Marks a scope with a `tpm_limit` for the background sync.
    mutating func noteTokenLimit(_ scope: SpendScope, at now: Double) {
        let start = MinuteWindow.start(of: now)
        if windows[scope]?.start != start { windows[scope] = Window(start: start) }
        windows[scope]?.tokenLimited = true
    }

    /// Takes the window as the store answered; `reportedTokens` is what this instance reported in that call.
    mutating func stored(_ scope: SpendScope, windowStart: Double, lease: RateWindowLease, reportedTokens: Int) {
        if windows[scope]?.start != windowStart {
            guard (windows[scope]?.start ?? -.infinity) < windowStart else { return }
            windows[scope] = Window(start: windowStart)
        }
        guard var window = windows[scope] else { return }
        window.leased = max(window.leased, lease.requests)
        window.othersTokens = max(0, lease.totalTokens - reportedTokens)
        windows[scope] = window
    }

    /// The token-limited scopes of the current window, to report and read; drops windows that have ended.
    mutating func tokenSyncs(at now: Double) -> [(scope: SpendScope, windowStart: Double)] {
        let start = MinuteWindow.start(of: now)
        windows = windows.filter { $0.value.start == start }
        return windows.filter(\.value.tokenLimited).map { ($0.key, start) }
    }
}
