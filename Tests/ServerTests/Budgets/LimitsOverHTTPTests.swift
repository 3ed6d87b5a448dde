import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Rate limits and budgets as a client sees them: 429 with `retry-after` and the rate-limit headers, 400
/// `budget_exceeded` naming the level, the cost header, and token counting for a stream without usage.
struct LimitsOverHTTPTests {
    @Test func keyRPMLimitAnswers429WithRetryAfterAndHeadersOnEveryResponse() async throws {
        try await BudgetGateway.run(.sqlite) { gateway in
            let key = try await gateway.generateKey(["rpm_limit": 2, "tpm_limit": 1000])
            try await waitForRoomInMinuteWindow()
            let first = try await gateway.chat(key.secret)
            #expect(first.status == 200)
            #expect(first.header("x-ratelimit-limit-requests") == "2")
            #expect(first.header("x-ratelimit-remaining-requests") == "1")
            #expect(first.header("x-ratelimit-limit-tokens") == "1000")
            #expect(first.header("x-ratelimit-remaining-tokens") == "1000", "tokens are counted when the call ends")
            let second = try await gateway.chat(key.secret)
            #expect(second.status == 200)
            #expect(second.header("x-ratelimit-remaining-requests") == "0")
            #expect(second.header("x-ratelimit-remaining-tokens") == "982")
            let third = try await gateway.chat(key.secret)
            #expect(third.status == 429)
            #expect(third.error?["type"] == "rate_limit_error")
            #expect(third.error?["message"]?.stringValue?.contains("key '\(key.hash.prefix(12))") == true, "\(third.body)")
            let retryAfter = try #require(third.header("retry-after").flatMap(Int.init))
            #expect((1...60).contains(retryAfter))
            #expect(third.header("x-ratelimit-remaining-requests") == "0")
            #expect(third.header("x-request-id") != nil)
        }
    }

    @Test func limitsApplyAtEveryLevel() async throws {
        try await BudgetGateway.run(.sqlite) { gateway in
            try await gateway.create("/user/new", ["user_id": "bo", "rpm_limit": 1])
            let userKey = try await gateway.generateKey(["user_id": "bo"])
            try await waitForRoomInMinuteWindow()
            #expect(try await gateway.chat(userKey.secret).status == 200)
            #expect(try await gateway.chat(userKey.secret).status == 429, "user rpm_limit")

            try await gateway.create("/team/new", ["team_id": "small", "tpm_limit": 10])
            let teamKey = try await gateway.generateKey(["team_id": "small"])
            try await waitForRoomInMinuteWindow()
            #expect(try await gateway.chat(teamKey.secret).status == 200)
            let overTokens = try await gateway.chat(teamKey.secret)
            #expect(overTokens.status == 429, "team tpm_limit: 18 tokens used of 10")
            #expect(overTokens.error?["message"]?.stringValue?.contains("team 'small'") == true, "\(overTokens.body)")

            try await gateway.create("/user/new", ["user_id": "cy"])
            try await gateway.create("/team/new", ["team_id": "crew"])
            try await gateway.create("/team/member_add", ["team_id": "crew", "member": ["user_id": "cy", "rpm_limit": 1]])
            let memberKey = try await gateway.generateKey(["team_id": "crew", "user_id": "cy"])
            try await waitForRoomInMinuteWindow()
            #expect(try await gateway.chat(memberKey.secret).status == 200)
            let member = try await gateway.chat(memberKey.secret)
            #expect(member.status == 429, "team member rpm_limit")
            #expect(member.error?["message"]?.stringValue?.contains("team member 'crew:cy'") == true, "\(member.body)")

            try await gateway.create("/customer/new", ["user_id": "shopper", "rpm_limit": 1])
            let anyKey = try await gateway.generateKey()
            try await waitForRoomInMinuteWindow()
            #expect(try await gateway.chat(anyKey.secret, body: ["user": "shopper"]).status == 200)
            #expect(try await gateway.chat(anyKey.secret, body: ["user": "shopper"]).status == 429, "end user rpm_limit")
            #expect(try await gateway.chat(anyKey.secret, body: ["user": "someone-else"]).status == 200)

            // Parallel: one slow stream holds the key's only slot.
            let parallelKey = try await gateway.generateKey(["max_parallel_requests": 1])
            async let slow = gateway.chat(parallelKey.secret, model: "priced-slow", body: ["stream": true])
            try await Task.sleep(for: .milliseconds(300))
            let blocked = try await gateway.chat(parallelKey.secret)
            #expect(blocked.status == 429, "max_parallel_requests")
            #expect(blocked.header("retry-after") != nil)
            #expect(try await slow.status == 200)
            #expect(try await gateway.chat(parallelKey.secret).status == 200, "the slot is free once the stream ended")

            // A deployment's rpm: two calls a minute, then no deployment of the group is left.
            try await waitForRoomInMinuteWindow()
            #expect(try await gateway.chat(anyKey.secret, model: "limited-deployment").status == 200)
            #expect(try await gateway.chat(anyKey.secret, model: "limited-deployment").status == 200)
            let deployment = try await gateway.chat(anyKey.secret, model: "limited-deployment")
            #expect(deployment.status == 429)
            #expect(deployment.header("retry-after") != nil)
        }
    }

    @Test func budgetsBlockAtEveryLevelAndNameIt() async throws {
        // Room for one call's worst case (9 input and 10 output tokens), not for a second beside the first's cost: the
        // second is admitted alone at the budget's edge and crosses it, the third is blocked.
        let worstCase = 9 * BudgetGateway.inputPrice + 10 * BudgetGateway.outputPrice
        let tiny = worstCase * 1.2
        let budgets = """
            {"tag_budgets": {"campaign": {"max_budget": \(tiny)}}, "end_user_budget": {"max_budget": \(tiny)}}
            """
        try await BudgetGateway.run(.sqlite, budgets: budgets) { gateway in
            func expectBlocked(_ key: String, body: JSON = [:], naming name: String) async throws {
                var body = body
                body["max_tokens"] = 10
                #expect(try await gateway.chat(key, body: body).status == 200, "the first call fits in the budget")
                #expect(try await gateway.chat(key, body: body).status == 200, "the second is admitted alone at the edge")
                let blocked = try await gateway.chat(key, body: body)
                #expect(blocked.status == 400, "\(name): \(blocked.body)")
                #expect(blocked.error?["type"] == "budget_exceeded")
                #expect(blocked.error?["message"]?.stringValue?.contains(name) == true, "\(blocked.body)")
            }
            let key = try await gateway.generateKey(["max_budget": .double(tiny)])
            try await expectBlocked(key.secret, naming: "key '\(key.hash.prefix(12))")
            // A model that costs nothing skips the budget check.
            #expect(try await gateway.chat(key.secret, model: "free").status == 200)

            try await gateway.create("/team/new", ["team_id": "frugal", "max_budget": .double(tiny)])
            try await expectBlocked(try await gateway.generateKey(["team_id": "frugal"]).secret, naming: "team 'frugal'")

            try await gateway.create("/user/new", ["user_id": "dee", "max_budget": .double(tiny)])
            try await expectBlocked(try await gateway.generateKey(["user_id": "dee"]).secret, naming: "user 'dee'")

            try await gateway.create("/customer/new", ["user_id": "buyer", "max_budget": .double(tiny)])
            try await expectBlocked(try await gateway.generateKey().secret, body: ["user": "buyer"], naming: "end user 'buyer'")
            // An end user without a record gets the default end-user budget.
            try await expectBlocked(try await gateway.generateKey().secret, body: ["user": "walk-in"], naming: "end user 'walk-in'")

            try await expectBlocked(
                try await gateway.generateKey().secret, body: ["metadata": ["tags": ["campaign"]]], naming: "tag 'campaign'")
        }
    }

    @Test func globalBudgetBlocksEveryone() async throws {
        // Two calls fit one after the other (each reserves at most 9 input and 10 output tokens), a third is admitted
        // alone at the edge and crosses the budget, a fourth is blocked.
        try await BudgetGateway.run(.sqlite, budgets: #"{"max_budget": \#(BudgetGateway.costPerCall * 2.5)}"#) { gateway in
            let first = try await gateway.generateKey()
            let second = try await gateway.generateKey()
            #expect(try await gateway.chat(first.secret, body: ["max_tokens": 10]).status == 200)
            #expect(try await gateway.chat(second.secret, body: ["max_tokens": 10]).status == 200)
            #expect(try await gateway.chat(second.secret, body: ["max_tokens": 10]).status == 200)
            let blocked = try await gateway.chat(first.secret, body: ["max_tokens": 10])
            #expect(blocked.status == 400)
            #expect(blocked.error?["message"]?.stringValue?.contains("the gateway") == true, "\(blocked.body)")
        }
    }

    @Test func costHeaderBudgetResetAtAndEstimatedStreams() async throws {
        try await BudgetGateway.run(.sqlite) { gateway in
            let key = try await gateway.generateKey(["max_budget": 100, "budget_duration": "1d"])
            let reply = try await gateway.chat(key.secret)
            let cost = try #require(reply.header("x-litellm-response-cost").flatMap(Double.init))
            #expect(abs(cost - BudgetGateway.costPerCall) < 1e-15)
            try await gateway.waitForRows(keyHash: key.hash, count: 1)
            let info = try #require(try await gateway.get("/key/info?key=\(key.hash)").json?["info"])
            let resetAt = try #require(info["budget_reset_at"]?.stringValue.flatMap(ISO8601Time.seconds(parsing:)))
            #expect(abs(resetAt - (Date().timeIntervalSince1970 + 86_400)) < 120, "a day from the first use")

            // An upstream stream without usage is still priced, from counted tokens, and marked as estimated.
            let streamed = try await gateway.chat(key.secret, model: "priced-no-usage", body: ["stream": true])
            #expect(streamed.status == 200)
            try await gateway.waitForRows(keyHash: key.hash, count: 2)
            let id = try #require(streamed.header("x-request-id"))
            let row = try #require(try await gateway.get("/spend/logs?request_id=\(id)").json?[0])
            #expect(row["metadata"]?["usage_estimated"] == true)
            #expect((row["completion_tokens"]?.intValue ?? 0) > 0)
            #expect((row["prompt_tokens"]?.intValue ?? 0) > 0)
            #expect((row["spend"]?.doubleValue ?? 0) > 0)
        }
    }
}
