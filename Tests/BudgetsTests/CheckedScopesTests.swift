import GatewayCore
import Testing

@testable import Budgets

/// The scopes one request is checked against: each once, in the order listed, however many tags it names.
@Suite("checked scopes")
struct CheckedScopesTests {
    static let limits = BudgetLimits(maxBudget: 10)

    static func request(tags: [String], budgets: [ScopedLimits], endUser: String? = nil) -> GatewayRequest {
        var principal = Principal(subject: "k", role: .user, keyHash: "k", endUserID: endUser)
        principal.budgets = budgets
        return GatewayRequest(
            id: "r", endpoint: .chatCompletions,
            body: ["model": "m", "messages": [], "metadata": ["tags": .array(tags.map(JSON.string))]], principal: principal,
            receivedAtDate: 0)
    }

    @Test("a few scopes: the principal's, the end user's default, the tags with budgets and the gateway, each once")
    func fewScopes() {
        let configured = ConfiguredBudgets(
            global: Self.limits, endUserDefault: Self.limits, tags: ["a": Self.limits, "b": Self.limits])
        let key = ScopedLimits(SpendScope(.key, "k"), Self.limits)
        let request = Self.request(tags: ["a", "x", "a", "b"], budgets: [key, key], endUser: "u")
        #expect(
            configured.checkedScopes(for: request).map(\.scope)
                == [SpendScope(.key, "k"), SpendScope(.endUser, "u"), SpendScope(.tag, "a"), SpendScope(.tag, "b"), .global])
    }

    @Test("many tags with budgets, repeated: past the linear search each still comes once, in order")
    func manyScopes() {
        let names = (0..<40).map { "tag-\($0)" }
        let configured = ConfiguredBudgets(global: nil, endUserDefault: nil, tags: Dictionary(uniqueKeysWithValues: names.map { ($0, Self.limits) }))
        let request = Self.request(tags: names + names.reversed() + names, budgets: [])
        #expect(configured.checkedScopes(for: request).map(\.scope) == names.map { SpendScope(.tag, $0) })
    }
}
