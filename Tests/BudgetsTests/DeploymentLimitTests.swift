import GatewayCore
import HTTPTypes
import Testing

@testable import Budgets

/// Deployment `rpm`/`tpm` as a routing filter: used-up deployments are dropped, none left is a 429.
@Suite("deployment limits")
struct DeploymentLimitTests {
    static func group(_ name: String) -> [Deployment] { BudgetHarness.deployments.filter { $0.modelName == name } }

    @Test("the hook filters and leaves picking to SimpleShuffle")
    func filterOnly() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            #expect(hook.ordersCandidates == false)
            let candidates = Self.group("paid")
            #expect(try await hook.route(harness.request(.caller(), model: "paid"), candidates: candidates) == candidates)
        }
    }

    @Test("a deployment that used its rpm this minute is skipped; when all are used up, 429 until the minute ends")
    func requestsPerMinute() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let group = Self.group("limited")
            let request = harness.request(.caller(), model: "limited")
            #expect(try await hook.route(request, candidates: group).map(\.id) == ["limited-a", "limited-b"])
            await hook.started(group[0])
            #expect(try await hook.route(request, candidates: group).map(\.id) == ["limited-b"])
            await hook.started(group[1])

            harness.clock.advance(20)
            let refused = harness.request(.caller(), model: "limited")
            let error = await #expect(throws: GatewayError.self) { try await hook.route(refused, candidates: group) }
            #expect(error?.status == .tooManyRequests)
            #expect(error?.message.contains("'limited'") == true)
            #expect(refused.header("retry-after") == "40")

            harness.clock.advance(40)
            #expect(try await hook.route(request, candidates: group).count == 2, "a new minute")
        }
    }

    @Test("a deployment whose tokens this minute reached its tpm is skipped; streamed usage counts at commit")
    func tokensPerMinute() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let group = Self.group("tokens")
            let request = harness.request(.caller(), model: "tokens")
            _ = try await hook.reserve(request)
            await hook.started(group[0])
            #expect(try await hook.route(request, candidates: group).count == 1, "no tokens counted yet")
            await hook.finish(request, cost: 0.1, tokens: 100, deployment: group[0])
            await #expect(throws: GatewayError.self) { try await hook.route(request, candidates: group) }
        }
    }
}
