import GatewayCore
import HTTPTypes
import Testing

@testable import Budgets

/// `max_budget` at every level: under it requests pass, at or over it they get 400 `budget_exceeded` naming the
/// scope, its spend and its budget.
@Suite("max budget")
struct MaxBudgetTests {
    /// One budget level: the caller, the plugin config and the tags that put a 1 USD budget on one scope.
    enum Level: String, CaseIterable, CustomTestStringConvertible {
        case key, personalUser, team, teamMember, organization, project, endUser, endUserDefault, tag, global

        static let limits = BudgetLimits(maxBudget: 1)

        var testDescription: String { rawValue }

        var principal: Principal {
            switch self {
            case .key: .caller(budgets: [ScopedLimits(SpendScope(.key, "9f2c4a7be1d04c55aa01"), Self.limits)])
            case .personalUser: .caller(userID: "ana", budgets: [ScopedLimits(SpendScope(.user, "ana"), Self.limits)])
            case .team: .caller(userID: "ana", teamID: "eng", budgets: [ScopedLimits(SpendScope(.team, "eng"), Self.limits)])
            case .teamMember: .caller(userID: "ana", teamID: "eng", budgets: [ScopedLimits(SpendScope(.teamMember, "eng:ana"), Self.limits)])
            case .organization: .caller(organizationID: "acme", budgets: [ScopedLimits(SpendScope(.organization, "acme"), Self.limits)])
            case .project: .caller(projectID: "p1", budgets: [ScopedLimits(SpendScope(.project, "p1"), Self.limits)])
            case .endUser: .caller(endUserID: "cust-1", budgets: [ScopedLimits(SpendScope(.endUser, "cust-1"), Self.limits)])
            case .endUserDefault, .tag, .global: .caller(endUserID: "cust-1")
            }
        }

        var config: JSON {
            switch self {
            case .endUserDefault: ["end_user_budget": ["max_budget": 1]]
            case .tag: ["tag_budgets": ["prod": ["max_budget": 1]]]
            case .global: ["max_budget": 1]
            default: [:]
            }
        }

        var tags: [String] { self == .tag ? ["prod"] : [] }

        var scopeName: String {
            switch self {
            case .key: "key '9f2c4a7be1d0…'"
            case .personalUser: "user 'ana'"
            case .team: "team 'eng'"
            case .teamMember: "team member 'eng:ana'"
            case .organization: "organization 'acme'"
            case .project: "project 'p1'"
            case .endUser, .endUserDefault: "end user 'cust-1'"
            case .tag: "tag 'prod'"
            case .global: "the gateway"
            }
        }
    }

    @Test("spend in memory reaching max_budget answers 400 budget_exceeded naming the scope", arguments: Level.allCases)
    func exceededInMemory(_ level: Level) async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(level.config)
            let first = harness.request(level.principal, tags: level.tags)
            #expect(await hook.rejection(first) == nil)
            await hook.finish(first, cost: 0.6)
            let second = harness.request(level.principal, tags: level.tags)
            #expect(await hook.rejection(second) == nil, "0.6 of 1 USD spent")
            await hook.finish(second, cost: 0.63)

            let error = try #require(await hook.rejection(harness.request(level.principal, tags: level.tags)))
            #expect(error.status == .badRequest)
            #expect(error.type == "budget_exceeded")
            #expect(error.code == "budget_exceeded")
            #expect(error.message == "Budget has been exceeded! \(level.scopeName): spend 1.230000 USD, max budget 1.000000 USD.")
        }
    }

    @Test("stored spend (another instance's) reaching max_budget answers 400 after a reconcile", arguments: Level.allCases)
    func exceededInStore(_ level: Level) async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(level.config)
            try await harness.appendStoredSpend(1.0, for: level.principal, tags: level.tags)
            #expect(await hook.rejection(harness.request(level.principal, tags: level.tags)) == nil, "not reconciled yet")
            try await hook.reconcile()
            let error = try #require(await hook.rejection(harness.request(level.principal, tags: level.tags)))
            #expect(error.type == "budget_exceeded")
            #expect(error.message.contains("\(level.scopeName): spend 1.000000 USD"))
        }
    }

    @Test("a max_budget of 0 refuses the first request")
    func zeroBudget() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(SpendScope(.team, "eng"), BudgetLimits(maxBudget: 0))])
            #expect(await hook.rejection(harness.request(principal))?.code == "budget_exceeded")
        }
    }

    @Test("the end user's own limits replace the configured default")
    func endUserOwnLimitsWin() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(["end_user_budget": ["max_budget": 1]])
            let generous = Principal.caller(endUserID: "cust-1", budgets: [ScopedLimits(SpendScope(.endUser, "cust-1"), BudgetLimits(maxBudget: 5))])
            let request = harness.request(generous)
            #expect(await hook.rejection(request) == nil)
            await hook.finish(request, cost: 2)
            #expect(await hook.rejection(harness.request(generous)) == nil, "2 of its own 5 USD, though over the default 1 USD")
        }
    }

    @Test("a model whose deployments all cost nothing skips budgets, not rate limits")
    func freeModelSkipsBudgets() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(["max_budget": 1])
            let limits = BudgetLimits(maxBudget: 1, rpmLimit: 2)
            let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(SpendScope(.team, "eng"), limits)])
            let paid = harness.request(principal)
            #expect(await hook.rejection(paid) == nil)
            await hook.finish(paid, cost: 3)
            #expect(await hook.rejection(harness.request(principal))?.code == "budget_exceeded")
            #expect(await hook.rejection(harness.request(principal, model: "free")) == nil, "free model passes an exhausted budget")
            #expect(await hook.rejection(harness.request(principal, model: "free"))?.status == .tooManyRequests, "rpm 2 still counts")
        }
    }

    @Test("spend counts against every scope of the request, also those without limits")
    func spendCountsEveryScope() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let principal = Principal.caller(userID: "ana", teamID: "eng", organizationID: "acme", projectID: "p1", endUserID: "cust-1")
            let request = harness.request(principal, tags: ["prod", "prod", "eu"])
            _ = try await hook.reserve(request)
            await hook.finish(request, cost: 0.25)
            let expected: [SpendScope] = [
                .global, SpendScope(.key, "9f2c4a7be1d04c55aa01"), SpendScope(.user, "ana"), SpendScope(.team, "eng"),
                SpendScope(.teamMember, "eng:ana"), SpendScope(.organization, "acme"), SpendScope(.project, "p1"), SpendScope(.endUser, "cust-1"),
                SpendScope(.tag, "prod"), SpendScope(.tag, "eu"),
            ]
            for scope in expected { #expect(hook.spend(scope) == 0.25, "\(scope)") }
        }
    }
}
