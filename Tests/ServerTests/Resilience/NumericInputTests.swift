import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Issue 17: no number a caller sends can crash the gateway. Each finding's input is refused with a 400 naming the
/// field, and values an older build could have stored are read without a trap; after each, the process still serves.
@Suite struct NumericInputTests {
    // MARK: Traps

    /// A `duration` whose expiry does not fit was stored, then trapped rendering the expiry as ISO-8601.
    @Test(arguments: IdentityFixture.Store.enabled)
    func keyDurationsBeyondAHundredYearsAreRefused(_ store: IdentityFixture.Store) async throws {
        try await NumbersGateway.run(store) { gateway in
            let key = try await gateway.generateKey(["duration": "30d"])
            for duration in ["9223372036854775807s", "106751991167301d", "36501d", "1201mo", "5215w"] {
                gateway.expectRefused(try await gateway.post("/key/generate", ["duration": .string(duration)]), field: "duration")
                gateway.expectRefused(
                    try await gateway.post("/key/update", ["key": .string(key.hash), "duration": .string(duration)]), field: "duration")
                // An internal user creating its own key is held to the same range.
                let own = try await gateway.post("/key/generate", ["duration": .string(duration)], key: IdentityFixture.user("alice"))
                gateway.expectRefused(own, field: "duration")
            }
            let farExpiry = try await gateway.post("/key/generate", ["expires": "9999-12-31T00:00:00Z"])
            gateway.expectRefused(farExpiry, field: "expires")
            let ok = try await gateway.generateKey(["duration": "36500d"])
            #expect(try await gateway.get("/key/info?key=\(ok.hash)").status == 200)
            try await gateway.expectAlive()
        }
    }

    /// `max_budget` or `soft_budget` of 9.2e8 USD or more trapped every budget check converting to spend units.
    @Test(arguments: IdentityFixture.Store.enabled)
    func budgetsBeyondTheMaximumAreRefused(_ store: IdentityFixture.Store) async throws {
        try await NumbersGateway.run(store) { gateway in
            let key = try await gateway.generateKey()
            try await gateway.create("/team/new", ["team_id": "t1"])
            for amount: JSON in [1e9, 1e308, 100_000_000.01] {
                for field in ["max_budget", "soft_budget"] {
                    gateway.expectRefused(try await gateway.post("/key/generate", [field: amount]), field: field)
                    gateway.expectRefused(try await gateway.post("/key/update", ["key": .string(key.hash), field: amount]), field: field)
                    gateway.expectRefused(try await gateway.post("/team/new", [field: amount]), field: field)
                    gateway.expectRefused(try await gateway.post("/team/update", ["team_id": "t1", field: amount]), field: field)
                }
            }
            // The largest budget accepted is checked on every request without a trap.
            let rich = try await gateway.generateKey(["max_budget": 100_000_000, "soft_budget": 100_000_000])
            #expect(try await gateway.chat(rich.secret).status == 200)
            try await gateway.expectAlive()
        }
    }

    /// A `budget_duration` far in the future stored a reset time that trapped `/key/info` and `/team/info` on every read.
    @Test(arguments: IdentityFixture.Store.enabled)
    func budgetDurationsBeyondAHundredYearsAreRefused(_ store: IdentityFixture.Store) async throws {
        try await NumbersGateway.run(store) { gateway in
            let key = try await gateway.generateKey()
            try await gateway.create("/team/new", ["team_id": "t1"])
            try await gateway.create("/user/new", ["user_id": "u1"])
            try await gateway.create("/customer/new", ["user_id": "c1"])
            for duration: JSON in ["1000000000000d", "9223372036854775807s", "36501d"] {
                gateway.expectRefused(try await gateway.post("/key/generate", ["budget_duration": duration]), field: "budget_duration")
                gateway.expectRefused(
                    try await gateway.post("/key/update", ["key": .string(key.hash), "budget_duration": duration]), field: "budget_duration")
                gateway.expectRefused(try await gateway.post("/team/new", ["budget_duration": duration]), field: "budget_duration")
                gateway.expectRefused(
                    try await gateway.post("/team/update", ["team_id": "t1", "budget_duration": duration]), field: "budget_duration")
                gateway.expectRefused(
                    try await gateway.post("/user/update", ["user_id": "u1", "budget_duration": duration]), field: "budget_duration")
                gateway.expectRefused(
                    try await gateway.post("/customer/update", ["user_id": "c1", "budget_duration": duration]), field: "budget_duration")
            }
            // A hundred years is accepted, reaches the budget check and reads back.
            let team = try await gateway.create("/team/new", ["team_id": "t2", "max_budget": 10, "budget_duration": "36500d"])
            #expect(team["budget_duration"] == "36500d")
            let teamKey = try await gateway.generateKey(["team_id": "t2", "max_budget": 10, "budget_duration": "36500d"])
            #expect(try await gateway.chat(teamKey.secret).status == 200)
            #expect(try await gateway.get("/key/info?key=\(teamKey.hash)").status == 200)
            #expect(try await gateway.get("/team/info?team_id=t2").status == 200)
            try await gateway.expectAlive()
        }
    }

    /// Rows an older build could have stored (each of the three traps' values) are clamped when read: the request
    /// path and the info routes answer, and the process lives.
    @Test(arguments: IdentityFixture.Store.enabled)
    func storedOutOfRangeValuesAreReadWithoutATrap(_ store: IdentityFixture.Store) async throws {
        try await NumbersGateway.run(store) { gateway in
            try await gateway.create("/team/new", ["team_id": "t1", "max_budget": 12345.5, "budget_duration": "7d"])
            let key = try await gateway.generateKey(["team_id": "t1", "max_budget": 12345.5, "budget_duration": "7d", "duration": "30d"])
            // What the three findings left in the database, written before the key or team is first read.
            try await gateway.execute(
                "UPDATE tollgate_keys SET max_budget = 1e300, expires_at = 9.2e18, settings = replace(settings, '\"7d\"', '\"1000000000000d\"') "
                    + "WHERE key_hash = '\(key.hash)'")
            try await gateway.execute(
                "UPDATE tollgate_entities SET document = replace(replace(document, '12345.5', '1e300'), '\"7d\"', '\"1000000000000d\"') "
                    + "WHERE kind = 'team' AND id = 't1'")
            for (kind, id) in [("key", key.hash), ("team", "t1")] {
                try await gateway.execute(
                    "INSERT INTO tollgate_spend_counters (kind, id, units, budget_reset_at) VALUES ('\(kind)', '\(id)', 0, 8.64e16)")
            }

            let chat = try await gateway.chat(key.secret)
            #expect(chat.status == 200, "\(chat.body)")
            let info = try await gateway.get("/key/info?key=\(key.hash)")
            #expect(info.status == 200, "\(info.body)")
            #expect(info.json?["info"]?["expires"] == "9999-12-31T23:59:59.999Z")
            #expect(info.json?["info"]?["budget_reset_at"] == "9999-12-31T23:59:59.999Z")
            let team = try await gateway.get("/team/info?team_id=t1")
            #expect(team.status == 200, "\(team.body)")
            #expect(team.json?["team_info"]?["budget_reset_at"] == "9999-12-31T23:59:59.999Z")
            #expect(try await gateway.get("/key/list?return_full_object=true").status == 200)
            try await gateway.expectAlive()
        }
    }

    // MARK: Validation gaps

    @Test(arguments: IdentityFixture.Store.enabled)
    func negativeBudgetsAndLimitsAreRefused(_ store: IdentityFixture.Store) async throws {
        try await NumbersGateway.run(store) { gateway in
            for field in ["max_budget", "soft_budget", "tpm_limit", "rpm_limit", "max_parallel_requests"] {
                gateway.expectRefused(try await gateway.post("/team/new", [field: -1]), field: field)
                gateway.expectRefused(try await gateway.post("/user/new", [field: -1]), field: field)
            }
            gateway.expectRefused(try await gateway.post("/organization/new", ["max_budget": -1]), field: "max_budget")
            gateway.expectRefused(try await gateway.post("/project/new", ["max_budget": -0.01]), field: "max_budget")
            gateway.expectRefused(try await gateway.post("/customer/new", ["user_id": "c1", "tpm_limit": -1]), field: "tpm_limit")
            let member: JSON = ["team_id": "t9", "members_with_roles": [["user_id": "u1", "max_budget_in_team": -5]]]
            gateway.expectRefused(try await gateway.post("/team/new", member), field: "members_with_roles[0].max_budget_in_team")
            try await gateway.create("/team/new", ["team_id": "t1"])
            let add: JSON = ["team_id": "t1", "member": ["user_id": "u2", "tpm_limit": -1]]
            gateway.expectRefused(try await gateway.post("/team/member_add", add), field: "member.tpm_limit")
            try await gateway.expectAlive()
        }
    }

    /// Negative model prices made spend rows of −6 USD; `api_base: "not a url"` was stored.
    @Test(arguments: IdentityFixture.Store.enabled)
    func badModelPricesAndBasesAreRefused(_ store: IdentityFixture.Store) async throws {
        try await NumbersGateway.run(store) { gateway in
            func model(params: JSON = [:], info: JSON = [:]) -> JSON {
                var litellm: JSON = ["model": "openai/echo", "api_base": .string(gateway.upstreamBase), "api_key": "sk-upstream"]
                for (name, value) in params.objectValue ?? [:] { litellm[name] = value }
                return ["model_name": "m", "litellm_params": litellm, "model_info": info]
            }
            let cases: [(JSON, String)] = [
                (model(info: ["input_cost_per_token": -0.001]), "model_info.input_cost_per_token"),
                (model(params: ["output_cost_per_token": -6]), "litellm_params.output_cost_per_token"),
                (model(params: ["input_cost_per_token": 1e308]), "litellm_params.input_cost_per_token"),
                (model(params: ["input_cost_per_token": "inf"]), "litellm_params.input_cost_per_token"),
                (model(params: ["api_base": "not a url"]), "litellm_params.api_base"),
                (model(params: ["api_base": "ftp://example.com"]), "litellm_params.api_base"),
                (model(params: ["rpm": -1]), "litellm_params.rpm"),
                (model(params: ["tpm": 9_007_199_254_740_992]), "litellm_params.tpm"),
                (model(params: ["weight": -1]), "litellm_params.weight"),
            ]
            for (body, field) in cases { gateway.expectRefused(try await gateway.post("/model/new", body), field: field) }
            let created = try await gateway.create("/model/new", model(info: ["id": "m1", "input_cost_per_token": 0.001]))
            #expect(created["model_info"]?["id"] == "m1")
            gateway.expectRefused(
                try await gateway.post("/model/update", ["model_info": ["id": "m1", "output_cost_per_token": -1]]),
                field: "model_info.output_cost_per_token")
            gateway.expectRefused(
                try await gateway.post("/model/update", ["model_info": ["id": "m1"], "litellm_params": ["api_base": "not a url"]]),
                field: "litellm_params.api_base")
            try await gateway.expectAlive()
        }
    }

    /// `1e400` parsed as infinity, and a key with an infinite budget was refused forever.
    @Test(arguments: IdentityFixture.Store.enabled)
    func infiniteNumbersAreRefused(_ store: IdentityFixture.Store) async throws {
        try await NumbersGateway.run(store) { gateway in
            let key = try await gateway.generateKey()
            for number in ["1e400", "-1e400"] {
                gateway.expectRefused(try await gateway.post("/key/generate", text: #"{"max_budget": \#(number)}"#), field: "max_budget")
                let update = #"{"key": "\#(key.hash)", "soft_budget": \#(number)}"#
                gateway.expectRefused(try await gateway.post("/key/update", text: update), field: "soft_budget")
                gateway.expectRefused(try await gateway.post("/team/new", text: #"{"max_budget": \#(number)}"#), field: "max_budget")
                gateway.expectRefused(try await gateway.post("/user/new", text: #"{"tpm_limit": \#(number)}"#), field: "tpm_limit")
            }
            try await gateway.expectAlive()
        }
    }

    @Test func controlCharactersInACustomKeyAreRefused() async throws {
        try await NumbersGateway.run(.sqlite) { gateway in
            for secret in ["sk-abc\u{0}def", "sk-abc\u{7}def", "sk-\u{1b}[0m", "sk-abc\u{7f}"] {
                gateway.expectRefused(try await gateway.post("/key/generate", ["key": .string(secret)]), field: "key")
            }
            try await gateway.expectAlive()
        }
    }
}
