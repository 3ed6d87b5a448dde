import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `/spend/logs` (a list, as LiteLLM), `/spend/logs/ui` (filters, paging, who may read what), `/global/spend`, and spend on the
/// info routes.
struct SpendRoutesTests {
    @Test(arguments: KeyBackend.available)
    func spendLogsFilterPageAndStayPrivate(_ backend: KeyBackend) async throws {
        try await BudgetGateway.run(backend) { gateway in
            try await gateway.create("/user/new", ["user_id": "eve"])
            try await gateway.create("/team/new", ["team_id": "ops", "members_with_roles": [["user_id": "eve", "role": "user"]]])
            try await gateway.create("/customer/new", ["user_id": "client-1"])
            let teamKey = try await gateway.generateKey(["team_id": "ops", "user_id": "eve"])
            let otherKey = try await gateway.generateKey()
            let before = Date().timeIntervalSince1970 - 1
            for _ in 0..<3 {
                #expect(try await gateway.chat(teamKey.secret, body: ["user": "client-1", "metadata": ["tags": ["beta"]]]).status == 200)
            }
            #expect(try await gateway.chat(otherKey.secret).status == 200)
            try await gateway.waitForRows(keyHash: teamKey.hash, count: 3)
            try await gateway.waitForRows(keyHash: otherKey.hash, count: 1)

            func total(_ query: String, key: String = BudgetGateway.master) async throws -> Int? {
                try await gateway.get("/spend/logs/ui?\(query)", key: key).json?["total"]?.intValue
            }
            #expect(try await total("") == 4)
            #expect(try await total("user_id=eve") == 3)
            #expect(try await total("team_id=ops") == 3)
            #expect(try await total("api_key=\(otherKey.secret)") == 1, "a plain key is hashed")
            #expect(try await total("start_date=\(ISO8601Time.string(before))") == 4)
            #expect(try await total("end_date=\(ISO8601Time.string(before))") == 0)
            #expect(try await total("start_date=2000-01-01&end_date=2000-01-02") == 0)

            // LiteLLM's `/spend/logs` answers a plain list, filtered and newest first; `/spend/logs/ui` pages.
            let list = try #require(try await gateway.get("/spend/logs?team_id=ops").json?.arrayValue)
            #expect(list.count == 3)
            #expect(list.allSatisfy { $0["team_id"] == "ops" })
            let starts = list.compactMap { $0["startTime"]?.stringValue.flatMap(ISO8601Time.seconds(parsing:)) }
            #expect(starts.count == 3 && starts == starts.sorted(by: >), "newest first: \(starts)")
            #expect(try await gateway.get("/spend/logs?page_size=2").json?.arrayValue?.count == 2)
            #expect(try await gateway.get("/spend/logs", key: otherKey.secret).json?.arrayValue?.count == 1, "a key's own rows only")
            // LiteLLM's UI date form (UTC) is read too.
            let uiDate = ISO8601Time.string(before).prefix(19).replacingOccurrences(of: "T", with: " ")
            #expect(try await total("start_date=\(uiDate.replacingOccurrences(of: " ", with: "%20"))") == 4)

            let page = try #require(try await gateway.get("/spend/logs/ui?team_id=ops&page=2&page_size=2").json)
            #expect(page["page"] == 2)
            #expect(page["total_pages"] == 2)
            let row = try #require(page["data"]?[0])
            #expect(page["data"]?.arrayValue?.count == 1)
            #expect(row["api_key"]?.stringValue == teamKey.hash)
            #expect(row["user"] == "eve")
            #expect(row["team_id"] == "ops")
            #expect(row["end_user"] == "client-1")
            #expect(row["request_tags"] == ["beta"])
            #expect(row["model_group"] == .string(BudgetGateway.pricedModel))
            #expect(row["prompt_tokens"] == 11)
            #expect(row["completion_tokens"] == 7)
            #expect(row["status"] == "success")
            #expect((row["request_duration_ms"]?.doubleValue ?? -1) >= 0)
            #expect(row["spend"]?.doubleValue == BudgetGateway.costPerCall)

            // A key reads its own rows only, whatever it asks for.
            #expect(try await total("", key: otherKey.secret) == 1)
            let foreign = try await gateway.get("/spend/logs?api_key=\(teamKey.hash)", key: otherKey.secret)
            #expect(foreign.status == 403)
            #expect(try await gateway.get("/spend/logs?start_date=yesterday").status == 400)
            #expect(try await gateway.get("/spend/logs?page_size=5000").status == 400)
            #expect(try await gateway.get("/spend/logs/ui?page_size=5000").status == 400)
            #expect(try await gateway.get("/global/spend", key: otherKey.secret).status == 403)

            // `/spend/summary` totals the same rows, with the same filters and visibility.
            let summary = try #require(try await gateway.get("/spend/summary?team_id=ops").json)
            #expect(summary["requests"] == 3)
            #expect(summary["prompt_tokens"] == 33)
            #expect(summary["completion_tokens"] == 21)
            #expect(summary["spend"]?.doubleValue == SpendUnits.usd(3 * SpendUnits.units(BudgetGateway.costPerCall)))
            #expect(try await gateway.get("/spend/summary", key: otherKey.secret).json?["requests"] == 1, "a key's own rows only")
            #expect(try await gateway.get("/spend/summary?start_date=2000-01-01&end_date=2000-01-02").json?["requests"] == 0)
            #expect(try await gateway.get("/spend/summary?start_date=nope").status == 400)
            // /team/list shows each team's spend as /team/info does.
            let teams = try #require(try await gateway.get("/team/list").json?.arrayValue)
            #expect(teams.first { $0["team_id"] == "ops" }?["spend"]?.doubleValue == SpendUnits.usd(3 * SpendUnits.units(BudgetGateway.costPerCall)))
            // A key object in /key/list shows its spend as /key/info does.
            let listed = try #require(try await gateway.get("/key/list?team_id=ops&return_full_object=true").json?["keys"]?[0])
            #expect(listed["spend"]?.doubleValue == SpendUnits.usd(3 * SpendUnits.units(BudgetGateway.costPerCall)))

            // The info routes and /global/spend read the counters.
            let three = SpendUnits.usd(3 * SpendUnits.units(BudgetGateway.costPerCall))
            let four = SpendUnits.usd(4 * SpendUnits.units(BudgetGateway.costPerCall))
            #expect(try await gateway.get("/global/spend").json?["spend"]?.doubleValue == four)
            #expect(try await gateway.get("/customer/info?end_user_id=client-1").json?["spend"]?.doubleValue == three)
            let team = try #require(try await gateway.get("/team/info?team_id=ops").json?["team_info"])
            #expect(team["spend"]?.doubleValue == three)
            #expect(team["members_with_roles"]?[0]?["spend"]?.doubleValue == three, "the member's spend in the team")
            #expect(try await gateway.get("/user/info?user_id=eve").json?["user_info"]?["spend"]?.doubleValue == three)
            #expect(
                try await gateway.get("/key/info", key: otherKey.secret).json?["info"]?["spend"]?.doubleValue
                    == SpendUnits.usd(SpendUnits.units(BudgetGateway.costPerCall)))
        }
    }
}
