import GatewayCore
import Testing

@testable import Budgets

/// The worst case is priced at the most expensive deployment the request can reach: every deployment of its group
/// and of the fallback groups it may fall back to.
@Suite("worst case")
struct WorstCaseTests {
    static let caller = Principal.caller(teamID: "eng")

    /// A request's worst case in units, as the hook reserves it.
    static func worstCase(_ hook: BudgetEnforcer, _ request: GatewayRequest) -> Int64? { hook.worstCase(of: request) }

    static func units(_ usd: Double) -> Int64 { SpendUnits.units(usd) }

    static func gateway(_ router: RouterSettings) -> GatewayConfig {
        var config = GatewayConfig()
        config.router = router
        return config
    }

    @Test("the dearest deployment of the group prices the request")
    func dearestDeploymentOfTheGroup() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            // 8 input tokens at 0.001, 10 output tokens at 0.004 (mixed-dear), not 0.001 (mixed-cheap).
            #expect(Self.worstCase(hook, harness.request(Self.caller, model: "mixed")) == Self.units(0.048))
            #expect(Self.worstCase(hook, harness.request(Self.caller, model: "free")) == nil, "free models are free")
        }
    }

    @Test("configured fallbacks of every kind, followed through, and the request's own fallbacks count")
    func fallbacksCount() async throws {
        try await BudgetHarness.with { harness in
            let pricey = Double(BudgetHarness.inputTokens) * 0.01 + 10 * 0.01
            let plain = try await harness.enforcer()
            #expect(Self.worstCase(plain, harness.request(Self.caller)) == Self.units(BudgetHarness.worstCase()))
            var request = harness.request(Self.caller)
            request.body["fallbacks"] = ["mixed", ["model": "pricey"]]
            #expect(Self.worstCase(plain, request) == Self.units(pricey), "the request's own fallbacks")

            let generic = try await harness.enforcer(gateway: Self.gateway(RouterSettings(fallbacks: ["paid": ["mixed"], "mixed": ["pricey"]])))
            #expect(Self.worstCase(generic, harness.request(Self.caller)) == Self.units(pricey), "paid → mixed → pricey")
            let wildcard = try await harness.enforcer(gateway: Self.gateway(RouterSettings(fallbacks: ["*": ["pricey"]])))
            #expect(Self.worstCase(wildcard, harness.request(Self.caller)) == Self.units(pricey))
            let context = try await harness.enforcer(gateway: Self.gateway(RouterSettings(contextWindowFallbacks: ["paid": ["pricey"]])))
            #expect(Self.worstCase(context, harness.request(Self.caller)) == Self.units(pricey))
            let policy = try await harness.enforcer(gateway: Self.gateway(RouterSettings(contentPolicyFallbacks: ["free": ["pricey"]])))
            #expect(
                Self.worstCase(policy, harness.request(Self.caller, model: "free")) == Self.units(pricey),
                "a free model with a paid fallback is not free")

            let none = try await harness.enforcer(gateway: Self.gateway(RouterSettings(fallbacks: ["paid": ["pricey"]], maxFallbacks: 0)))
            #expect(Self.worstCase(none, harness.request(Self.caller)) == Self.units(BudgetHarness.worstCase()), "max_fallbacks 0 tries none")
        }
    }

    @Test("a fallback group the caller may not use is not reachable")
    func inaccessibleFallback() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(gateway: Self.gateway(RouterSettings(fallbacks: ["paid": ["pricey"]])))
            var limited = Self.caller
            limited.allowedModels = ["paid"]
            #expect(Self.worstCase(hook, harness.request(limited)) == Self.units(BudgetHarness.worstCase()))
        }
    }

    @Test("embeddings are priced on their input only")
    func embeddingsInputOnly() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let request = GatewayRequest(
                id: "e1", endpoint: .embeddings, body: ["model": "paid", "input": ["abcdefgh", "abcd"], "max_tokens": 50], principal: Self.caller,
                receivedAtDate: harness.clock.now)
            #expect(Self.worstCase(hook, request) == Self.units(0.003), "3 input tokens at 0.001, no output")
        }
    }
}
