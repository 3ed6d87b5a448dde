import GatewayCore
import Testing

@testable import Budgets

/// This instance's budget leases as a value: when admission must go to the store, what it asks for, and what the
/// background upkeep renews, trims and hands back. No store: the answers are given as the store would give them.
@Suite("budget leases")
struct BudgetLeasesTests {
    let scope = SpendScope(.key, "k")
    let settings = LeaseSettings(fraction: 0.1, maxSliceUnits: nil, ttlSeconds: 30)

    @Test("no lease: the need is the worst case, the target a slice more")
    func firstNeed() {
        let leases = BudgetLeases(settings: settings)
        let need = leases.need(scope, maxBudget: 1000, reserved: 0, worstCase: 40, at: 100)
        #expect(need == BudgetLeases.Need(scope: scope, maxBudget: 1000, target: 140, minimum: 40, worstCase: 40))
    }

    @Test("a granted lease serves requests until used, reserved and the next worst case pass it")
    func servesFromTheLease() {
        var leases = BudgetLeases(settings: settings)
        leases.stored(scope, maxBudget: 1000, lease: BudgetLease(granted: 140, spent: 0, expiresAt: 130))
        #expect(leases.need(scope, maxBudget: 1000, reserved: 100, worstCase: 40, at: 100) == nil)
        #expect(leases.need(scope, maxBudget: 1000, reserved: 101, worstCase: 40, at: 100)?.minimum == 141)
        leases.spend(30, on: [scope, SpendScope(.team, "t")])
        #expect(leases.leases[scope]?.used == 30)
        #expect(leases.leases[SpendScope(.team, "t")] == nil, "no lease, nothing counted")
        let need = leases.need(scope, maxBudget: 1000, reserved: 80, worstCase: 40, at: 100)
        #expect(need?.minimum == 150 && need?.target == 250, "used 30 + reserved 80 + 40, then a slice of 100")
    }

    @Test("a lease near its expiry is grown (and so renewed) before it is used")
    func nearExpiry() {
        var leases = BudgetLeases(settings: settings)
        leases.stored(scope, maxBudget: 1000, lease: BudgetLease(granted: 500, spent: 0, expiresAt: 130))
        #expect(leases.need(scope, maxBudget: 1000, reserved: 0, worstCase: 40, at: 119) == nil)
        #expect(leases.need(scope, maxBudget: 1000, reserved: 0, worstCase: 40, at: 121) != nil, "within a third of the TTL")
    }

    @Test("used never falls below the stored spent (a lease left by an earlier process under the same id)")
    func usedFollowsStoredSpent() {
        var leases = BudgetLeases(settings: settings)
        leases.stored(scope, maxBudget: 1000, lease: BudgetLease(granted: 300, spent: 250, expiresAt: 130))
        #expect(leases.leases[scope]?.used == 250)
        #expect(leases.need(scope, maxBudget: 1000, reserved: 0, worstCase: 60, at: 100)?.minimum == 310)
    }

    @Test("upkeep renews leases in use, trims idle ones once, and release hands back all but use and reservations")
    func upkeepAndRelease() {
        var leases = BudgetLeases(settings: settings)
        let idle = SpendScope(.team, "idle")
        leases.noteUse([scope, idle], maxBudgets: [scope: 1000, idle: 500], at: 100)
        leases.stored(scope, maxBudget: 1000, lease: BudgetLease(granted: 300, spent: 0, expiresAt: 130))
        leases.stored(idle, maxBudget: 500, lease: BudgetLease(granted: 200, spent: 0, expiresAt: 130))
        leases.spend(20, on: [idle])
        leases.noteUse([scope], maxBudgets: [scope: 1000], at: 120)
        let work = leases.upkeep(reserved: { _ in 0 }, at: 135)
        #expect(
            Set(work.map { "\($0)" }) == [
                "\(BudgetLeases.Upkeep.renew(scope, maxBudget: 1000, granted: 300))", "\(BudgetLeases.Upkeep.trim(idle, granted: 20))",
            ])
        #expect(leases.upkeep(reserved: { _ in 0 }, at: 136) == [.renew(scope, maxBudget: 1000, granted: 300)], "trimmed once")
        #expect(leases.release(reserved: { $0 == scope ? 40 : 0 }).count == 2)
        #expect(leases.leases[scope]?.granted == 40 && leases.leases[idle]?.granted == 20)
    }

    @Test("a slice is the fraction of max_budget, capped, at least one unit")
    func slices() {
        #expect(LeaseSettings(fraction: 0.1).slice(of: 1000) == 100)
        #expect(LeaseSettings(fraction: 0.1, maxSliceUnits: 30).slice(of: 1000) == 30)
        #expect(LeaseSettings(fraction: 0.1).slice(of: 5) == 1)
    }
}
