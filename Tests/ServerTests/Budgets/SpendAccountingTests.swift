import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The issue's accounting acceptance: under concurrency every scope's stored spend is exactly the sum of its
/// spend log rows, and a budget is never passed, on both stores.
@Suite(.serialized)
struct SpendAccountingTests {
    @Test(arguments: KeyBackend.available)
    func aThousandConcurrentRequestsAreCountedExactly(_ backend: KeyBackend) async throws {
        try await BudgetGateway.run(backend) { gateway in
            try await gateway.create("/user/new", ["user_id": "ada"])
            try await gateway.create("/team/new", ["team_id": "research", "members_with_roles": [["user_id": "ada", "role": "user"]]])
            let key = try await gateway.generateKey(["team_id": "research", "user_id": "ada"])

            let replies = try await ConcurrentClient.withClient(connections: 1000) { client in
                try await withThrowingTaskGroup(of: (status: Int, body: String).self) { group in
                    for _ in 0..<1000 {
                        group.addTask {
                            let reply = try await ConcurrentClient.chat(client, gateway.endpoint, key: key.secret, model: BudgetGateway.pricedModel)
                            return (reply.status, reply.body)
                        }
                    }
                    return try await group.reduce(into: [(status: Int, body: String)]()) { $0.append($1) }
                }
            }
            #expect(replies.count == 1000)
            let failed = replies.filter { $0.status != 200 }
            #expect(failed.isEmpty, "\(failed.count) failed, e.g. \(failed.first.map { "\($0.status) \($0.body)" } ?? "")")
            try await gateway.waitForRows(keyHash: key.hash, count: 1000)

            let perCall = SpendUnits.units(BudgetGateway.costPerCall)
            for (scope, column, value) in [
                (SpendScope(.key, key.hash), "key_hash", key.hash), (SpendScope(.team, "research"), "team_id", "research"),
                (SpendScope(.user, "ada"), "user_id", "ada"),
            ] {
                let stored = try await gateway.storedSpend(scope, rowsWhere: column, equals: value)
                #expect(stored.counter == stored.rows, "\(scope): counter \(stored.counter) != rows \(stored.rows)")
                #expect(stored.rows == 1000 * perCall, "\(scope): every request priced once")
            }
            // The management API shows the same numbers.
            let expected = SpendUnits.usd(1000 * perCall)
            #expect(try await gateway.get("/key/info?key=\(key.hash)").json?["info"]?["spend"]?.doubleValue == expected)
            let team = try await gateway.get("/team/info?team_id=research").json
            #expect(team?["team_info"]?["spend"]?.doubleValue == expected)
            #expect(team?["keys"]?[0]?["spend"]?.doubleValue == expected, "the team's key with its counter's spend")
            #expect(try await gateway.get("/user/info?user_id=ada").json?["user_info"]?["spend"]?.doubleValue == expected)
            #expect(try await gateway.get("/global/spend").json?["spend"]?.doubleValue == expected)
        }
    }

    /// A key with a budget of 20 worst cases under 200 concurrent requests: admission reserves each request's worst
    /// case, so at least 20 are admitted (more as settled calls cost less than they reserved), the rest are refused,
    /// and however the requests interleave the spend never passes the budget (strict admission) or passes it by at
    /// most one call (edge admission: one request alone may cross it); everything admitted is logged and counted.
    @Test(arguments: KeyBackend.available, BudgetAdmissionMode.allCases)
    func budgetIsNeverPassedUnderConcurrency(_ backend: KeyBackend, admission: BudgetAdmissionMode) async throws {
        try await BudgetGateway.run(backend, budgets: #"{"budget_admission": "\#(admission.rawValue)"}"#) { gateway in
            // "hello" (9 tokens estimated with the chat framing) and at most 20 output tokens: more than a call's real cost.
            let body: JSON = {
                var body = GatewayFixture.chat(BudgetGateway.pricedModel)
                body["max_tokens"] = 20
                return body
            }()
            let worstCase = 9 * BudgetGateway.inputPrice + 20 * BudgetGateway.outputPrice
            #expect(worstCase > BudgetGateway.costPerCall)
            let maxBudget = 20 * worstCase
            let key = try await gateway.generateKey(["max_budget": .double(maxBudget)])

            let replies = try await ConcurrentClient.withClient(connections: 200) { client in
                try await withThrowingTaskGroup(of: (Int, String?, String).self) { group in
                    for _ in 0..<200 {
                        group.addTask {
                            try await ConcurrentClient.chat(client, gateway.endpoint, key: key.secret, model: BudgetGateway.pricedModel, body: body)
                        }
                    }
                    return try await group.reduce(into: [(Int, String?, String)]()) { $0.append($1) }
                }
            }
            let admitted = replies.filter { $0.0 == 200 }
            let refused = replies.filter { $0.0 == 400 }
            #expect(admitted.count + refused.count == 200)
            #expect(admitted.count >= 20, "20 worst cases always fit")
            for reply in refused {
                let error = try #require(try JSONParser.parse(reply.2)["error"])
                #expect(error["type"] == "budget_exceeded")
                #expect(error["message"]?.stringValue?.contains("key '\(key.hash.prefix(12))") == true, "\(error)")
            }

            // Refused requests are logged too (as failures): wait for all 200 rows.
            try await gateway.waitForRows(keyHash: key.hash, count: replies.count)
            let stored = try await gateway.storedSpend(SpendScope(.key, key.hash), rowsWhere: "key_hash", equals: key.hash)
            #expect(stored.counter == stored.rows)
            #expect(stored.rows == Int64(admitted.count) * SpendUnits.units(BudgetGateway.costPerCall))
            let crossing = admission == .edge ? SpendUnits.units(BudgetGateway.costPerCall) : 0
            #expect(stored.rows <= SpendUnits.units(maxBudget) + crossing, "spend passed the budget")
        }
    }
}

/// The budgets plugin's `budget_admission` values.
enum BudgetAdmissionMode: String, CaseIterable, CustomTestStringConvertible {
    case edge, strict

    var testDescription: String { rawValue }
}
