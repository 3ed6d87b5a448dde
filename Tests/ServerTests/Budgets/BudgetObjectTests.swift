import GatewayCore
import GatewayTesting
import Testing

/// `/budget/*` (LiteLLM's shared budget objects) over HTTP on both stores: the routes' shapes and refusals, end users
/// held to the budget they name, a change reaching every one of them at once, and the refused delete of a budget in use.
struct BudgetObjectTests {
    @Test(arguments: KeyBackend.available)
    func customersAreHeldToTheirSharedBudget(_ backend: KeyBackend) async throws {
        try await BudgetGateway.run(backend) { gateway in
            let created = try await gateway.create(
                "/budget/new",
                [
                    "budget_id": "shared", "rpm_limit": 1, "max_budget": 10, "soft_budget": 8, "budget_duration": "30d",
                    "model_max_budget": ["gpt-4o": ["max_budget": 5, "budget_duration": "1d"]],
                ])
            #expect(created["budget_id"] == "shared")
            #expect(created["rpm_limit"] == 1)
            #expect(created["soft_budget"] == 8)
            #expect(created["model_max_budget"]?["gpt-4o"]?["max_budget"] == 5)
            #expect(created["budget_reset_at"]?.stringValue != nil, "set from budget_duration")
            #expect(created["created_by"]?.stringValue != nil)
            let generated = try await gateway.create("/budget/new", ["max_budget": 1])
            #expect(generated["budget_id"]?.stringValue?.count == 36, "a UUID when no budget_id is given")
            let again = try await gateway.post("/budget/new", ["budget_id": "shared"])
            #expect(again.status == 400)
            #expect(again.error?["code"] == "already_exists")

            try await gateway.create("/customer/new", ["user_id": "ann", "budget_id": "shared"])
            try await gateway.create("/end_user/new", ["user_id": "bob", "budget_id": "shared"])
            let typo = try await gateway.post("/customer/new", ["user_id": "cat", "budget_id": "sharde"])
            #expect(typo.status == 400)
            #expect(typo.error?["param"] == "budget_id")
            #expect(try await gateway.get("/customer/info?end_user_id=ann").json?["budget_id"] == "shared")

            // rpm_limit 1 from the budget, counted per end user.
            let key = try await gateway.generateKey()
            try await waitForRoomInMinuteWindow()
            #expect(try await gateway.chat(key.secret, body: ["user": "ann"]).status == 200)
            let second = try await gateway.chat(key.secret, body: ["user": "ann"])
            #expect(second.status == 429, "\(second.body)")
            #expect(second.error?["message"]?.stringValue?.contains("end user 'ann'") == true, "\(second.body)")
            #expect(try await gateway.chat(key.secret, body: ["user": "bob"]).status == 200)
            #expect(try await gateway.chat(key.secret, body: ["user": "bob"]).status == 429)

            // One update reaches every end user that names the budget, at once.
            let updated = try await gateway.post("/budget/update", ["budget_id": "shared", "rpm_limit": .null, "max_budget": 0])
            #expect(updated.status == 200, "\(updated.body)")
            #expect(updated.json?["rpm_limit"] == nil || updated.json?["rpm_limit"] == .null)
            #expect(updated.json?["soft_budget"] == 8, "fields the update leaves out keep their value")
            for user in ["ann", "bob"] {
                let blocked = try await gateway.chat(key.secret, body: ["user": .string(user)])
                #expect(blocked.status == 400, "\(blocked.body)")
                #expect(blocked.error?["type"] == "budget_exceeded")
                #expect(blocked.error?["message"]?.stringValue?.contains("end user '\(user)'") == true, "\(blocked.body)")
            }

            let info = try await gateway.post("/budget/info", ["budgets": ["shared", "missing"]])
            #expect(info.json?.arrayValue?.count == 1)
            #expect(info.json?[0]?["max_budget"] == 0)
            #expect(try await gateway.post("/budget/info", ["budgets": []]).status == 400)
            let listed = try await gateway.get("/budget/list").json?.arrayValue?.compactMap { $0["budget_id"]?.stringValue } ?? []
            #expect(listed.contains("shared") && listed.count == 2, "\(listed)")

            // A budget in use is not deleted; once no end user names it, it is, and its limits are gone.
            let inUse = try await gateway.post("/budget/delete", ["id": "shared"])
            #expect(inUse.status == 400)
            #expect(inUse.error?["code"] == "budget_in_use")
            #expect(inUse.error?["message"]?.stringValue?.contains("'ann', 'bob'") == true, "\(inUse.body)")
            try await gateway.create("/customer/update", ["user_id": "ann", "budget_id": .null])
            try await gateway.create("/customer/update", ["user_id": "bob", "budget_id": .null])
            #expect(try await gateway.chat(key.secret, body: ["user": "ann"]).status == 200, "ann's own limits only")
            let deleted = try await gateway.post("/budget/delete", ["id": "shared"])
            #expect(deleted.status == 200, "\(deleted.body)")
            #expect(deleted.json?["budget_id"] == "shared")
            #expect(try await gateway.post("/budget/info", ["budgets": ["shared"]]).json == [])
            #expect(try await gateway.post("/budget/delete", ["id": "shared"]).status == 404)
        }
    }

    @Test(arguments: [
        (["max_budget": -1] as JSON, "max_budget"), (["soft_budget": 1e9] as JSON, "soft_budget"),
        (["rpm_limit": 1e13] as JSON, "rpm_limit"), (["tpm_limit": -5] as JSON, "tpm_limit"),
        (["max_parallel_requests": 2_000_000] as JSON, "max_parallel_requests"), (["budget_duration": "forever"] as JSON, "budget_duration"),
        (["model_max_budget": ["gpt-4o": ["max_budget": -1]]] as JSON, "model_max_budget.gpt-4o.max_budget"),
        (["model_max_budget": ["gpt-4o": ["budget_duration": "99999y"]]] as JSON, "model_max_budget.gpt-4o.budget_duration"),
        (["budget_reset_at": "tomorrow"] as JSON, "budget_reset_at"),
    ])
    func outOfRangeNumbersAreRefusedNamingTheField(body: JSON, field: String) async throws {
        try await BudgetGateway.run(.sqlite) { gateway in
            var create = body
            create["budget_id"] = "b"
            let refused = try await gateway.post("/budget/new", create)
            #expect(refused.status == 400, "\(refused.body)")
            #expect(refused.error?["param"] == .string(field), "\(refused.body)")
            try await gateway.create("/budget/new", ["budget_id": "b"])
            var update = body
            update["budget_id"] = "b"
            let refusedUpdate = try await gateway.post("/budget/update", update)
            #expect(refusedUpdate.status == 400)
            #expect(refusedUpdate.error?["param"] == .string(field), "\(refusedUpdate.body)")
        }
    }

    @Test func budgetRoutesAreForAdmins() async throws {
        try await BudgetGateway.run(.sqlite) { gateway in
            try await gateway.create("/budget/new", ["budget_id": "b"])
            let key = try await gateway.generateKey()
            for (path, body) in [
                ("/budget/new", ["budget_id": "x"] as JSON), ("/budget/update", ["budget_id": "b"]), ("/budget/delete", ["id": "b"]),
            ] {
                let reply = try await gateway.post(path, body, key: key.secret)
                #expect(reply.status == 401 || reply.status == 403, "\(path): \(reply.status)")
            }
            #expect(try await gateway.get("/budget/list", key: key.secret).status != 200)
            #expect(try await gateway.post("/budget/info", ["budgets": ["b"]], key: key.secret).status != 200)
        }
    }
}
