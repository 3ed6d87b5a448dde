import GatewayCore
import Testing

@testable import Budgets

/// The shared side of rpm and tpm as a value: when requests must be leased, and the other instances' tokens.
@Suite("shared rate windows")
struct SharedRateWindowsTests {
    let scope = SpendScope(.key, "k")

    @Test("requests are admitted while fewer than leased this window; then a slice is asked for")
    func requestLeases() {
        var windows = SharedRateWindows(fraction: 0.1)
        #expect(windows.need(scope, rpm: 30, localRequests: 0, at: 120) == .init(scope: scope, windowStart: 120, limit: 30, requests: 3))
        windows.stored(scope, windowStart: 120, lease: RateWindowLease(requests: 3, totalRequests: 10, totalTokens: 0), reportedTokens: 0)
        #expect(windows.need(scope, rpm: 30, localRequests: 2, at: 150) == nil)
        #expect(windows.need(scope, rpm: 30, localRequests: 3, at: 150) != nil)
        #expect(windows.need(scope, rpm: 30, localRequests: 0, at: 180) != nil, "the next window starts with nothing leased")
        #expect(SharedRateWindows(fraction: 0.1).need(scope, rpm: 5, localRequests: 0, at: 0)?.requests == 1, "at least one")
    }

    @Test("the other instances' tokens are the window's total less this instance's report, in that window only")
    func othersTokens() {
        var windows = SharedRateWindows(fraction: 0.1)
        windows.noteTokenLimit(scope, at: 125)
        windows.stored(scope, windowStart: 120, lease: RateWindowLease(requests: 0, totalRequests: 0, totalTokens: 90), reportedTokens: 30)
        #expect(windows.othersTokens(scope, at: 170) == 60)
        #expect(windows.othersTokens(scope, at: 180) == 0)
        #expect(windows.tokenSyncs(at: 170).map(\.scope) == [scope])
        #expect(windows.tokenSyncs(at: 185).isEmpty, "an ended window is dropped")
    }
}
