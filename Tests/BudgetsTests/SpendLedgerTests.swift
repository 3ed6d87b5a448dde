import GatewayCore
import Testing

@testable import Budgets

/// The ledger's merge rule and the minute window, without I/O.
@Suite("spend ledger")
struct SpendLedgerTests {
    static let team = SpendScope(.team, "eng")

    @Test("merge keeps the larger spend of one period, takes a later stored period, ignores an earlier one")
    func mergeRule() {
        var ledger = SpendLedger()
        _ = ledger.add(500, to: [Self.team])
        ledger.merge(SpendCounter(scope: Self.team, units: 300, budgetResetAt: 100))
        #expect(ledger.entry(Self.team) == .init(units: 500, resetAt: 100), "same period: the larger")
        ledger.merge(SpendCounter(scope: Self.team, units: 800, budgetResetAt: 100))
        #expect(ledger.entry(Self.team) == .init(units: 800, resetAt: 100))
        ledger.merge(SpendCounter(scope: Self.team, units: 20, budgetResetAt: 200))
        #expect(ledger.entry(Self.team) == .init(units: 20, resetAt: 200), "another instance reset it")
        ledger.merge(SpendCounter(scope: Self.team, units: 900, budgetResetAt: 100))
        #expect(ledger.entry(Self.team) == .init(units: 20, resetAt: 200), "a stale read of the old period")
    }

    @Test("store work: schedule when no reset is known, reset when due, nothing while deferred")
    func storeWork() {
        var ledger = SpendLedger()
        #expect(ledger.storeWork(for: Self.team, at: 0) == .schedule)
        ledger.scheduled(Self.team, resetAt: 60)
        #expect(ledger.storeWork(for: Self.team, at: 59) == nil)
        #expect(ledger.storeWork(for: Self.team, at: 60) == .reset(expected: 60))
        ledger.deferStoreWork(Self.team, until: 65)
        #expect(ledger.storeWork(for: Self.team, at: 61) == nil)
        _ = ledger.add(10, to: [Self.team])
        ledger.didReset(Self.team, expected: 60, next: 120)
        #expect(ledger.entry(Self.team) == .init(units: 0, resetAt: 120))
        ledger.didReset(Self.team, expected: 60, next: 180)
        #expect(ledger.entry(Self.team) == .init(units: 0, resetAt: 120), "a late duplicate reset is ignored")
    }

    @Test("a minute window counts within its minute and reads 0 after it")
    func minuteWindow() {
        var window = MinuteWindow()
        window.addRequest(at: 120.5)
        window.addTokens(40, at: 179.9)
        #expect(window.requests(at: 150) == 1)
        #expect(window.tokens(at: 150) == 40)
        #expect(window.requests(at: 180) == 0)
        #expect(MinuteWindow.secondsToEnd(from: 120.5) == 60)
        #expect(MinuteWindow.secondsToEnd(from: 179.99) == 1)
        #expect(MinuteWindow.secondsToEnd(from: 180) == 60)
    }
}
