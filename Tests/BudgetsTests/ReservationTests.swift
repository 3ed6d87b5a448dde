import GatewayCore
import HTTPTypes
import Testing

@testable import Budgets

/// Admission reserves each request's worst case against every budget at once, so requests that arrive together
/// cannot race past a budget; the commit swaps the reservation for the real cost, whatever the outcome.
@Suite("budget reservations")
struct ReservationTests {
    /// The budget levels of the acceptance, each with a budget of `budget` USD.
    enum Level: String, CaseIterable, CustomTestStringConvertible {
        case key, endUserDefault, team, tag

        var testDescription: String { rawValue }

        var scope: SpendScope {
            switch self {
            case .key: SpendScope(.key, "9f2c4a7be1d04c55aa01")
            case .endUserDefault: SpendScope(.endUser, "cust-1")
            case .team: SpendScope(.team, "eng")
            case .tag: SpendScope(.tag, "prod")
            }
        }

        func principal(budget: Double, duration: String? = nil) -> Principal {
            let limits = BudgetLimits(maxBudget: budget, budgetDuration: duration)
            return switch self {
            case .key: .caller(budgets: [ScopedLimits(scope, limits)])
            case .team: .caller(userID: "ana", teamID: "eng", budgets: [ScopedLimits(scope, limits)])
            case .endUserDefault, .tag: .caller(endUserID: "cust-1")
            }
        }

        func config(budget: Double, duration: String? = nil) -> JSON {
            var limits: JSON = ["max_budget": .double(budget)]
            if let duration { limits["budget_duration"] = .string(duration) }
            return switch self {
            case .endUserDefault: ["end_user_budget": limits]
            case .tag: ["tag_budgets": ["prod": limits]]
            case .key, .team: [:]
            }
        }

        var tags: [String] { self == .tag ? ["prod"] : [] }
    }

    /// Runs `reserve` for every request at once. - Returns: the requests admitted, and the errors of the others.
    static func reserveAtOnce(_ hook: BudgetEnforcer, _ requests: [GatewayRequest]) async -> (admitted: [GatewayRequest], refused: [GatewayError]) {
        await withTaskGroup(of: (GatewayRequest, GatewayError?).self) { group in
            for request in requests { group.addTask { (request, await hook.rejection(request)) } }
            var admitted: [GatewayRequest] = []
            var refused: [GatewayError] = []
            for await (request, error) in group {
                if let error { refused.append(error) } else { admitted.append(request) }
            }
            return (admitted, refused)
        }
    }

    @Test("50 concurrent first requests against a budget of k worst cases admit exactly k", arguments: Level.allCases, [1, 3])
    func concurrentFirstRequests(_ level: Level, fits: Int) async throws {
        try await BudgetHarness.with { harness in
            let worst = BudgetHarness.worstCase()
            let budget = Double(fits) * worst
            let hook = try await harness.enforcer(level.config(budget: budget))
            let requests = (0..<50).map { _ in harness.request(level.principal(budget: budget), tags: level.tags) }

            let (admitted, refused) = await Self.reserveAtOnce(hook, requests)
            #expect(admitted.count == fits)
            #expect(refused.count == 50 - fits)
            #expect(refused.allSatisfy { $0.type == "budget_exceeded" && $0.status == .badRequest })
            #expect(SpendUnits.units(hook.reserved(level.scope)) == Int64(fits) * SpendUnits.units(worst))

            for request in admitted { await hook.finish(request, cost: 0.004) }
            #expect(hook.reserved(level.scope) == 0)
            #expect(SpendUnits.units(hook.spend(level.scope)) == Int64(fits) * SpendUnits.units(0.004), "settled to the real cost")
        }
    }

    @Test("first requests that wait on the store for their reset schedule are still admitted one at a time", arguments: Level.allCases)
    func concurrentFirstRequestsWithStoreWork(_ level: Level) async throws {
        try await BudgetHarness.with { harness in
            let budget = BudgetHarness.worstCase()
            let hook = try await harness.enforcer(level.config(budget: budget, duration: "1d"))
            let principal = level.principal(budget: budget, duration: "1d")
            let (admitted, _) = await Self.reserveAtOnce(hook, (0..<50).map { _ in harness.request(principal, tags: level.tags) })
            #expect(admitted.count == 1)
            #expect(hook.resetAt(level.scope) != nil, "the first reset was scheduled in the store")
            for request in admitted { await hook.finish(request, cost: 0.004) }
            #expect(hook.reserved(level.scope) == 0)
        }
    }

    @Test("every scope must fit: a request refused by one scope holds nothing on the others")
    func everyScopeMustFit() async throws {
        try await BudgetHarness.with { harness in
            let key = SpendScope(.key, "9f2c4a7be1d04c55aa01")
            let team = SpendScope(.team, "eng")
            let principal = Principal.caller(
                teamID: "eng", budgets: [ScopedLimits(key, BudgetLimits(maxBudget: 10)), ScopedLimits(team, BudgetLimits(maxBudget: 0.03))])
            let hook = try await harness.enforcer()
            let first = harness.request(principal)
            #expect(await hook.rejection(first) == nil)
            let error = try #require(await hook.rejection(harness.request(principal)))
            #expect(error.message.contains("team 'eng'"))
            #expect(SpendUnits.units(hook.reserved(key)) == SpendUnits.units(BudgetHarness.worstCase()), "the refused request took nothing")
            #expect(SpendUnits.units(hook.reserved(team)) == SpendUnits.units(BudgetHarness.worstCase()))
        }
    }

    @Test("a rate-limit refusal holds no budget")
    func rateLimitRefusalHoldsNothing() async throws {
        try await BudgetHarness.with { harness in
            let team = SpendScope(.team, "eng")
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(team, BudgetLimits(maxBudget: 10, rpmLimit: 1))])
            let hook = try await harness.enforcer()
            #expect(await hook.rejection(harness.request(principal)) == nil)
            #expect(await hook.rejection(harness.request(principal))?.status == .tooManyRequests)
            #expect(SpendUnits.units(hook.reserved(team)) == SpendUnits.units(BudgetHarness.worstCase()))
        }
    }

    @Test("the commit releases the reservation on failure too, and counts what the failure cost")
    func failureReleases() async throws {
        try await BudgetHarness.with { harness in
            let team = SpendScope(.team, "eng")
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(team, BudgetLimits(maxBudget: 0.035))])
            let hook = try await harness.enforcer()
            let failed = harness.request(principal)
            #expect(await hook.rejection(failed) == nil)
            #expect(await hook.rejection(harness.request(principal))?.code == "budget_exceeded", "the first one holds 0.028 of 0.035 USD")
            await hook.commit(failed, outcome: CallOutcome(cost: 0, error: .badGateway("upstream failed")))
            #expect(hook.reserved(team) == 0)

            let cut = harness.request(principal)
            #expect(await hook.rejection(cut) == nil, "released")
            await hook.commit(cut, outcome: CallOutcome(usage: Usage(promptTokens: 1, completionTokens: 2), cost: 0.005, error: .badRequest("gone")))
            #expect(hook.reserved(team) == 0)
            #expect(hook.spend(team) == 0.005, "a stream cut after some output still costs what it used")
            #expect(await hook.rejection(harness.request(principal)) == nil, "0.005 + 0.028 fits in 0.035")
        }
    }

    @Test("strict admission: a request whose worst case is more than the whole budget is told to lower max_tokens")
    func neverFits() async throws {
        try await BudgetHarness.with { harness in
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(SpendScope(.team, "eng"), BudgetLimits(maxBudget: 0.02))])
            let hook = try await harness.enforcer(["budget_admission": "strict"])
            let error = try #require(await hook.rejection(harness.request(principal)))
            #expect(error.type == "budget_exceeded")
            #expect(
                error.message
                    == "Budget has been exceeded! team 'eng': this request may cost up to 0.028000 USD, more than its whole max budget "
                    + "0.020000 USD. Lower max_tokens so that its worst case fits.")
            #expect(await hook.rejection(harness.request(principal, maxTokens: 5)) == nil, "0.018 USD at worst")
        }
    }

    @Test("strict admission: a request that does not fit beside the requests in flight is told what they hold")
    func noRoomBesideRequestsInFlight() async throws {
        try await BudgetHarness.with { harness in
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(SpendScope(.team, "eng"), BudgetLimits(maxBudget: 0.04))])
            let hook = try await harness.enforcer(["budget_admission": "strict"])
            let first = harness.request(principal)
            #expect(await hook.rejection(first) == nil)
            await hook.finish(first, cost: 0.002)
            // 0.002 spent + 0.028 held + 0.028 asked is more than 0.04.
            #expect(await hook.rejection(harness.request(principal)) == nil)
            let error = try #require(await hook.rejection(harness.request(principal)))
            #expect(
                error.message
                    == "Budget has been exceeded! team 'eng': spend 0.002000 USD and 0.028000 USD reserved by requests in flight leave "
                    + "0.010000 USD of its max budget 0.040000 USD, and this request may cost up to 0.028000 USD. "
                    + "Retry when requests in flight finish, or lower max_tokens.")
        }
    }

    @Test("edge admission: a request that does not fit is admitted alone, holding all that is left; the next waits for it")
    func edgeAdmitsOneAtATime() async throws {
        try await BudgetHarness.with { harness in
            let team = SpendScope(.team, "eng")
            // Below one worst case (0.028): the budget is still usable, one request at a time, until spend reaches it.
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(team, BudgetLimits(maxBudget: 0.02))])
            let hook = try await harness.enforcer()
            let first = harness.request(principal)
            #expect(await hook.rejection(first) == nil)
            #expect(SpendUnits.units(hook.reserved(team)) == SpendUnits.units(0.02), "holds all that is left, not its worst case")
            let waiting = try #require(await hook.rejection(harness.request(principal)))
            #expect(
                waiting.message
                    == "Budget has been exceeded! team 'eng': spend 0.000000 USD and 0.020000 USD reserved by requests in flight leave too "
                    + "little of its max budget 0.020000 USD for this request (up to 0.028000 USD). Near the budget's edge requests are "
                    + "admitted one at a time: retry when the requests in flight finish.")
            await hook.finish(first, cost: 0.012)
            #expect(hook.reserved(team) == 0)

            let second = harness.request(principal)
            #expect(await hook.rejection(second) == nil, "0.008 left and nothing in flight")
            #expect(SpendUnits.units(hook.reserved(team)) == SpendUnits.units(0.008))
            await hook.finish(second, cost: 0.012)
            #expect(hook.spend(team) == 0.024, "one request crossed the budget, by less than its own cost")
            let spent = try #require(await hook.rejection(harness.request(principal)))
            #expect(spent.message == "Budget has been exceeded! team 'eng': spend 0.024000 USD, max budget 0.020000 USD.")
        }
    }

    @Test("edge admission: a request that fits beside the requests in flight is admitted with its worst case, as in strict")
    func edgeFitsAsStrict() async throws {
        try await BudgetHarness.with { harness in
            let team = SpendScope(.team, "eng")
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(team, BudgetLimits(maxBudget: 0.07))])
            let hook = try await harness.enforcer()
            let requests = (0..<10).map { _ in harness.request(principal) }
            let (admitted, refused) = await Self.reserveAtOnce(hook, requests)
            #expect(admitted.count == 2, "two worst cases of 0.028 fit in 0.07; the third waits for them")
            #expect(refused.allSatisfy { $0.message.contains("admitted one at a time") })
            #expect(SpendUnits.units(hook.reserved(team)) == 2 * SpendUnits.units(BudgetHarness.worstCase()))
        }
    }

    @Test("budget_admission is edge or strict; anything else is refused at startup")
    func admissionSetting() throws {
        #expect(try JSON.object([:]).decode(BudgetsPlugin.Configuration.self).admission == .edge)
        #expect(try JSON.object(["budget_admission": "strict"]).decode(BudgetsPlugin.Configuration.self).admission == .strict)
        #expect(throws: ConfigError.self) { try JSON.object(["budget_admission": "lenient"]).decode(BudgetsPlugin.Configuration.self) }
    }

    @Test("a free model reserves nothing; a request without max_tokens reserves the model's output limit or the default")
    func whatIsReserved() async throws {
        try await BudgetHarness.with { harness in
            let team = SpendScope(.team, "eng")
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(team, BudgetLimits(maxBudget: 100))])
            let hook = try await harness.enforcer()
            #expect(await hook.rejection(harness.request(principal, model: "free", maxTokens: nil)) == nil)
            #expect(hook.reserved(team) == 0)
            // gpt-x has no known output limit: 4096 tokens at 0.002 USD, plus 8 input tokens.
            #expect(await hook.rejection(harness.request(principal, maxTokens: nil)) == nil)
            #expect(SpendUnits.units(hook.reserved(team)) == SpendUnits.units(0.008 + 4096 * 0.002))

            let configured = try await harness.enforcer(["default_max_output_tokens": 100])
            #expect(await configured.rejection(harness.request(principal, maxTokens: nil)) == nil)
            #expect(SpendUnits.units(configured.reserved(team)) == SpendUnits.units(0.008 + 100 * 0.002))
            // gpt-4o-mini writes at most 16,384 tokens (the bundled table), however many the request asks for.
            #expect(await configured.rejection(harness.request(principal, model: "mini", maxTokens: 1_000_000)) == nil)
            #expect(
                SpendUnits.units(configured.reserved(team)) == SpendUnits.units(0.008 + 100 * 0.002) + SpendUnits.units(0.000008 + 16_384 * 0.000001))
        }
    }
}
