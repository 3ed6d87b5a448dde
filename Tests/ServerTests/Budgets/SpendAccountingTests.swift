import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The issue's accounting acceptance: under concurrency every scope's stored spend is exactly the sum of its
/// spend log rows, and a budget is overshot by no more than the requests already in flight, on both stores.
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
            #expect(try await gateway.get("/team/info?team_id=research").json?["team_info"]?["spend"]?.doubleValue == expected)
            #expect(try await gateway.get("/user/info?user_id=ada").json?["user_info"]?["spend"]?.doubleValue == expected)
            #expect(try await gateway.get("/global/spend").json?["spend"]?.doubleValue == expected)
        }
    }

    /// A key with a budget of 20 calls under 200 concurrent requests: calls are admitted while the key's spend is
    /// below its budget, so the overshoot is the calls that were admitted before the 20th finished (in flight when
    /// the budget was crossed) and none after; everything admitted is logged and counted.
    @Test(arguments: KeyBackend.available)
    func budgetOvershootIsBoundedByTheRequestsInFlight(_ backend: KeyBackend) async throws {
        try await BudgetGateway.run(backend) { gateway in
            let budgetCalls = 20
            let key = try await gateway.generateKey(["max_budget": .double(Double(budgetCalls) * BudgetGateway.costPerCall * 0.999)])

            let replies = try await ConcurrentClient.withClient(connections: 200) { client in
                try await withThrowingTaskGroup(of: (Int, String?, String).self) { group in
                    for _ in 0..<200 {
                        group.addTask { try await ConcurrentClient.chat(client, gateway.endpoint, key: key.secret, model: BudgetGateway.pricedModel) }
                    }
                    return try await group.reduce(into: [(Int, String?, String)]()) { $0.append($1) }
                }
            }
            let admitted = replies.filter { $0.0 == 200 }
            let refused = replies.filter { $0.0 == 400 }
            #expect(admitted.count + refused.count == 200)
            #expect(admitted.count >= budgetCalls, "no call is refused before the budget is reached")
            for reply in refused {
                let error = try #require(try JSONParser.parse(reply.2)["error"])
                #expect(error["type"] == "budget_exceeded")
                #expect(error["message"]?.stringValue?.contains("key '\(key.hash.prefix(12))") == true, "\(error)")
            }

            // Refused requests are logged too (as failures): wait for all 200 rows.
            try await gateway.waitForRows(keyHash: key.hash, count: replies.count)
            let page = try await gateway.get("/spend/logs?api_key=\(key.hash)&page_size=1000")
            let rows = try #require(page.json?["data"]?.arrayValue).filter { $0["status"] == "success" }
            #expect(rows.count == admitted.count)
            // The budget was crossed when the 20th call finished; every admitted call had arrived by then.
            let ends = rows.compactMap { $0["endTime"]?.stringValue.flatMap(ISO8601Time.seconds(parsing:)) }.sorted()
            let crossedAt = ends[budgetCalls - 1]
            let starts = rows.compactMap { $0["startTime"]?.stringValue.flatMap(ISO8601Time.seconds(parsing:)) }
            #expect(starts.allSatisfy { $0 <= crossedAt + 0.001 }, "a call was admitted after the budget was spent")
            let overshoot = admitted.count - budgetCalls
            let inFlightAtCrossing = rows.filter { row in
                guard let start = row["startTime"]?.stringValue.flatMap(ISO8601Time.seconds(parsing:)),
                    let end = row["endTime"]?.stringValue.flatMap(ISO8601Time.seconds(parsing:))
                else { return false }
                return start <= crossedAt + 0.001 && end >= crossedAt - 0.001
            }.count
            #expect(overshoot <= inFlightAtCrossing, "overshoot \(overshoot) > in flight \(inFlightAtCrossing)")

            let stored = try await gateway.storedSpend(SpendScope(.key, key.hash), rowsWhere: "key_hash", equals: key.hash)
            #expect(stored.counter == stored.rows)
            #expect(stored.rows == Int64(admitted.count) * SpendUnits.units(BudgetGateway.costPerCall))
            // Once the spend is known, the key is refused.
            #expect(try await gateway.chat(key.secret).status == 400)
        }
    }
}
