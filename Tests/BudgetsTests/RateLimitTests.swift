import GatewayCore
import HTTPTypes
import Synchronization
import Testing

@testable import Budgets

/// `rpm_limit`, `tpm_limit` and `max_parallel_requests` per scope: 429 with `retry-after` and the rate-limit
/// headers, windows that roll over with the clock, and headers on success.
@Suite("rate limits")
struct RateLimitTests {
    /// A scope level that can carry rate limits, and the caller whose auth lists `limits` on it.
    enum Level: String, CaseIterable, CustomTestStringConvertible {
        case key, user, team, teamMember, endUser, endUserDefault

        var testDescription: String { rawValue }

        func principal(_ limits: BudgetLimits) -> Principal {
            switch self {
            case .key: .caller(budgets: [ScopedLimits(SpendScope(.key, "9f2c4a7be1d04c55aa01"), limits)])
            case .user: .caller(userID: "ana", budgets: [ScopedLimits(SpendScope(.user, "ana"), limits)])
            case .team: .caller(userID: "ana", teamID: "eng", budgets: [ScopedLimits(SpendScope(.team, "eng"), limits)])
            case .teamMember: .caller(userID: "ana", teamID: "eng", budgets: [ScopedLimits(SpendScope(.teamMember, "eng:ana"), limits)])
            case .endUser: .caller(endUserID: "cust-1", budgets: [ScopedLimits(SpendScope(.endUser, "cust-1"), limits)])
            case .endUserDefault: .caller(endUserID: "cust-1")
            }
        }

        func config(_ limits: JSON) -> JSON { self == .endUserDefault ? ["end_user_budget": limits] : [:] }

        var scopeName: String {
            switch self {
            case .key: "key '9f2c4a7be1d0…'"
            case .user: "user 'ana'"
            case .team: "team 'eng'"
            case .teamMember: "team member 'eng:ana'"
            case .endUser, .endUserDefault: "end user 'cust-1'"
            }
        }
    }

    @Test("rpm_limit: the third request in a minute gets 429 until the minute ends", arguments: Level.allCases)
    func requestsPerMinute(_ level: Level) async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(level.config(["rpm_limit": 2]))
            let principal = level.principal(BudgetLimits(rpmLimit: 2))
            harness.clock.advance(15)
            for _ in 0..<2 {
                let request = harness.request(principal)
                #expect(await hook.rejection(request) == nil)
                await hook.finish(request, cost: 0.01)
            }
            let refused = harness.request(principal)
            let error = try #require(await hook.rejection(refused))
            #expect(error.status == .tooManyRequests)
            #expect(error.code == "rate_limit_exceeded")
            #expect(error.message.contains("\(level.scopeName): rpm_limit of 2 requests per minute"))
            #expect(refused.header("retry-after") == "45", "15 s into the minute")
            #expect(refused.header("x-ratelimit-limit-requests") == "2")
            #expect(refused.header("x-ratelimit-remaining-requests") == "0")
            #expect(refused.header("x-ratelimit-limit-tokens") == nil, "no scope limits tokens")

            harness.clock.advance(45)
            let next = harness.request(principal)
            #expect(await hook.rejection(next) == nil, "a new minute")
            #expect(next.header("x-ratelimit-remaining-requests") == "1")
        }
    }

    @Test("tpm_limit: once a minute's tokens reach the limit, requests get 429 until the minute ends", arguments: Level.allCases)
    func tokensPerMinute(_ level: Level) async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(level.config(["tpm_limit": 100]))
            let principal = level.principal(BudgetLimits(tpmLimit: 100))
            let first = harness.request(principal)
            #expect(await hook.rejection(first) == nil)
            #expect(first.header("x-ratelimit-limit-tokens") == "100")
            #expect(first.header("x-ratelimit-remaining-tokens") == "100")
            await hook.finish(first, tokens: 60)
            let second = harness.request(principal)
            #expect(await hook.rejection(second) == nil, "60 of 100 tokens")
            #expect(second.header("x-ratelimit-remaining-tokens") == "40")
            await hook.finish(second, tokens: 60)

            harness.clock.advance(59.5)
            let refused = harness.request(principal)
            let error = try #require(await hook.rejection(refused))
            #expect(error.status == .tooManyRequests)
            #expect(error.message.contains("\(level.scopeName): tpm_limit of 100 tokens per minute"))
            #expect(refused.header("retry-after") == "1", "half a second left rounds up to 1")
            #expect(refused.header("x-ratelimit-remaining-tokens") == "0")

            harness.clock.advance(0.5)
            #expect(await hook.rejection(harness.request(principal)) == nil, "a new minute")
        }
    }

    @Test("max_parallel_requests: a request over the limit in flight gets 429 retry-after 1; a commit frees the slot", arguments: Level.allCases)
    func parallelRequests(_ level: Level) async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(level.config(["max_parallel_requests": 1]))
            let principal = level.principal(BudgetLimits(maxParallelRequests: 1))
            let first = harness.request(principal)
            #expect(await hook.rejection(first) == nil)
            let refused = harness.request(principal)
            let error = try #require(await hook.rejection(refused))
            #expect(error.status == .tooManyRequests)
            #expect(error.message.contains("\(level.scopeName): max_parallel_requests of 1 requests in flight"))
            #expect(refused.header("retry-after") == "1")
            await hook.commit(first, outcome: CallOutcome(error: .badGateway("upstream down")))
            #expect(await hook.rejection(harness.request(principal)) == nil, "a failed call releases its slot too")
        }
    }

    @Test("a refusal by one scope takes nothing from the others")
    func refusalTakesNothing() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let principal = Principal.caller(
                teamID: "eng",
                budgets: [
                    ScopedLimits(SpendScope(.key, "9f2c4a7be1d04c55aa01"), BudgetLimits(rpmLimit: 1, maxParallelRequests: 5)),
                    ScopedLimits(SpendScope(.team, "eng"), BudgetLimits(rpmLimit: 10, maxParallelRequests: 10)),
                ])
            #expect(await hook.rejection(harness.request(principal)) == nil)
            #expect(await hook.rejection(harness.request(principal))?.status == .tooManyRequests)
            let inFlight = hook.state.withLock {
                ($0.rates.inFlight(SpendScope(.team, "eng")), $0.rates.inFlight(SpendScope(.key, "9f2c4a7be1d04c55aa01")))
            }
            #expect(inFlight == (1, 1), "the refused request holds no slot")
            let teammate = Principal.caller(
                keyHash: "other-key", teamID: "eng",
                budgets: [ScopedLimits(SpendScope(.team, "eng"), BudgetLimits(rpmLimit: 10, maxParallelRequests: 10))])
            let request = harness.request(teammate)
            #expect(await hook.rejection(request) == nil)
            #expect(request.header("x-ratelimit-remaining-requests") == "8", "the team counted 2 requests, not 3")
        }
    }

    @Test("headers on success come from the most constrained scope; a budget refusal carries them too")
    func headersOnSuccess() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let principal = Principal.caller(
                teamID: "eng",
                budgets: [
                    ScopedLimits(SpendScope(.key, "9f2c4a7be1d04c55aa01"), BudgetLimits(maxBudget: 1, rpmLimit: 5)),
                    ScopedLimits(SpendScope(.team, "eng"), BudgetLimits(rpmLimit: 100, tpmLimit: 1000)),
                ])
            let request = harness.request(principal)
            #expect(await hook.rejection(request) == nil)
            #expect(request.header("x-ratelimit-limit-requests") == "5")
            #expect(request.header("x-ratelimit-remaining-requests") == "4")
            #expect(request.header("x-ratelimit-limit-tokens") == "1000")
            #expect(request.header("x-ratelimit-remaining-tokens") == "1000")
            await hook.finish(request, cost: 2, tokens: 250)

            let overBudget = harness.request(principal)
            #expect(await hook.rejection(overBudget)?.code == "budget_exceeded")
            #expect(overBudget.header("x-ratelimit-remaining-requests") == "4", "a budget refusal counts no request")
            #expect(overBudget.header("x-ratelimit-remaining-tokens") == "750")
        }
    }

    @Test("a caller without rate limits gets no rate-limit headers")
    func noHeadersWithoutLimits() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(["max_budget": 10])
            let request = harness.request(.caller())
            #expect(await hook.rejection(request) == nil)
            #expect(request.responseHeaders.all.isEmpty)
        }
    }
}
