import GatewayCore
import GatewayTesting
import Testing

/// Model access through HTTP on both stores, table-driven: each level (key, team, personal user, organization,
/// project) × each way a list names models (explicit, empty = all, `*`, `all-proxy-models`, provider-prefix and
/// name wildcards, config and nested database access groups), plus aliases; each row is a 200 or a 403 with
/// LiteLLM's error `type`. (`AccessCheckTests` covers the same rules without HTTP.)
struct ModelAccessMatrixTests {
    /// Where a row's model list is set.
    enum Level: String, CaseIterable, Sendable {
        case key, team, user, organization, project

        var deniedType: String { self == .organization ? "org_model_access_denied" : "\(rawValue)_model_access_denied" }
    }

    /// A list, a model asked for, and whether it passes.
    struct Case: Sendable {
        let list: [String]
        let model: String
        let allowed: Bool
    }

    /// Models beyond the fixture's: `gpt-alt` (OpenAI format, in config access group `beta`).
    static func extraModels(_ upstream: String) -> String {
        """
          - model_name: gpt-alt
            litellm_params:
              model: openai/echo
              api_base: \(upstream)/v1
              api_key: \(GatewayFixture.upstreamKey)
            model_info:
              access_groups: [beta]
        """
    }

    /// `gpt-test` and `gpt-alt` are `openai/echo`; `claude-test` is `anthropic/echo`. Group `outer` (database)
    /// nests `inner`, which holds `claude-test`.
    static let cases: [Case] = [
        Case(list: ["gpt-test"], model: "gpt-test", allowed: true),
        Case(list: ["gpt-test"], model: "claude-test", allowed: false),
        Case(list: [], model: "claude-test", allowed: true),
        Case(list: ["*"], model: "claude-test", allowed: true),
        Case(list: ["all-proxy-models"], model: "gpt-alt", allowed: true),
        Case(list: ["openai/*"], model: "gpt-test", allowed: true),
        Case(list: ["openai/*"], model: "claude-test", allowed: false),
        Case(list: ["anthropic/*"], model: "claude-test", allowed: true),
        Case(list: ["gpt-*"], model: "gpt-alt", allowed: true),
        Case(list: ["gpt-*"], model: "claude-test", allowed: false),
        Case(list: ["beta"], model: "gpt-alt", allowed: true),
        Case(list: ["beta"], model: "gpt-test", allowed: false),
        Case(list: ["outer"], model: "claude-test", allowed: true),
        Case(list: ["outer"], model: "gpt-alt", allowed: false),
    ]

    @Test(arguments: KeyBackend.available)
    func everyLevelReadsEveryKindOfList(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend, extraModels: Self.extraModels) { gateway in
            try await Self.createGroups(gateway)
            for level in Level.allCases {
                for (index, row) in Self.cases.enumerated() {
                    let key = try await Self.key(gateway, level: level, list: row.list, id: "\(level.rawValue)-\(index)")
                    let reply = try await gateway.chat(key, model: row.model)
                    let label = "\(level.rawValue) \(row.list) → \(row.model)"
                    if row.allowed {
                        #expect(reply.status == 200, "\(label): \(reply.body)")
                    } else {
                        #expect(reply.status == 403, "\(label): \(reply.body)")
                        #expect(reply.error?["type"]?.stringValue == level.deniedType, "\(label): \(reply.body)")
                    }
                }
            }
        }
    }

    @Test(arguments: KeyBackend.available)
    func aliasesAndGroupsThroughHTTP(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend, extraModels: Self.extraModels) { gateway in
            try await Self.createGroups(gateway)
            func expect(_ key: String, _ model: String, _ type: String?, _ label: String) async throws {
                let reply = try await gateway.chat(key, model: model)
                if let type {
                    #expect(reply.status == 403 && reply.error?["type"]?.stringValue == type, "\(label): \(reply.body)")
                } else {
                    #expect(reply.status == 200, "\(label): \(reply.body)")
                }
            }
            // Key aliases: the key's own alias passes its list; an alias cannot reach a model the list does not allow.
            let aliased = try await gateway.generate(["models": ["fast"], "aliases": ["fast": "gpt-test"]]).secret
            try await expect(aliased, "fast", nil, "key alias listed")
            try await expect(aliased, "gpt-test", "key_model_access_denied", "target not listed by name")
            let sneaky = try await gateway.generate(["models": ["claude-test"], "aliases": ["fast": "gpt-test"]]).secret
            try await expect(sneaky, "fast", "key_model_access_denied", "alias to an unlisted model")

            // Team model_aliases: allowed through the team's list, but the organization checks the real model.
            #expect(try await gateway.post("/organization/new", ["organization_id": "o-claude", "models": ["claude-test"]]).status == 200)
            let teams: [JSON] = [
                ["team_id": "t-alias", "models": ["team-fast"], "model_aliases": ["team-fast": "gpt-test"]],
                ["team_id": "t-narrow", "models": ["claude-test"], "model_aliases": ["team-fast": "gpt-test"]],
                ["team_id": "t-in-org", "organization_id": "o-claude", "model_aliases": ["team-fast": "gpt-test"]],
            ]
            for team in teams { #expect(try await gateway.post("/team/new", team).status == 200) }
            try await expect(try await gateway.generate(["team_id": "t-alias"]).secret, "team-fast", nil, "team alias listed")
            try await expect(
                try await gateway.generate(["team_id": "t-narrow"]).secret, "team-fast", "team_model_access_denied", "team alias off-list")
            try await expect(try await gateway.generate(["team_id": "t-in-org"]).secret, "team-fast", "org_model_access_denied", "org sees through")
            try await expect(try await gateway.generate(["team_id": "t-in-org"]).secret, "claude-test", nil, "org allows its model")

            // Key access groups (`access_group_ids`), nested; a write that would make a cycle is refused.
            let grouped = try await gateway.generate(["access_group_ids": ["outer"]]).secret
            try await expect(grouped, "claude-test", nil, "nested group")
            try await expect(grouped, "gpt-test", "key_model_access_denied", "outside the group")
            let cycle = try await gateway.post("/access_group/update", ["access_group_id": "inner", "access_model_names": ["outer"]])
            #expect(cycle.status == 400 && cycle.error?["code"] == "access_group_cycle", "\(cycle.body)")
            // Growing the inner group widens the outer one at once (the membership cache is dropped on write).
            #expect(
                try await gateway.post("/access_group/update", ["access_group_id": "inner", "access_model_names": ["claude-test", "gpt-test"]]).status
                    == 200)
            try await expect(grouped, "gpt-test", nil, "inner group grew")

            // Every level must allow: a key list that allows is still refused by its team.
            try await gateway.createTeam("t-gpt", models: ["gpt-test"])
            try await expect(
                try await gateway.generate(["team_id": "t-gpt", "models": ["*"]]).secret, "claude-test", "team_model_access_denied", "team wins")
            try await expect(
                try await gateway.generate(["team_id": "t-gpt", "models": ["all-team-models"]]).secret, "gpt-test", nil, "all-team-models")
        }
    }

    // MARK: Setup

    static func createGroups(_ gateway: KeyTestGateway) async throws {
        #expect(try await gateway.post("/access_group/new", ["access_group_id": "inner", "access_model_names": ["claude-test"]]).status == 200)
        #expect(try await gateway.post("/access_group/new", ["access_group_id": "outer", "access_model_names": ["inner"]]).status == 200)
    }

    /// A key whose only restricting level is `level`, with `list` as that level's models.
    static func key(_ gateway: KeyTestGateway, level: Level, list: [String], id: String) async throws -> String {
        let models = JSON.array(list.map { .string($0) })
        switch level {
        case .key:
            return try await gateway.generate(["models": models]).secret
        case .team:
            #expect(try await gateway.post("/team/new", ["team_id": .string(id), "models": models]).status == 200)
            return try await gateway.generate(["team_id": .string(id)]).secret
        case .user:
            #expect(try await gateway.post("/user/new", ["user_id": .string(id), "models": models]).status == 200)
            return try await gateway.generate(["user_id": .string(id)]).secret
        case .organization:
            #expect(try await gateway.post("/organization/new", ["organization_id": .string(id), "models": models]).status == 200)
            return try await gateway.generate(["organization_id": .string(id)]).secret
        case .project:
            #expect(try await gateway.post("/project/new", ["project_id": .string(id), "models": models]).status == 200)
            return try await gateway.generate(["project_id": .string(id)]).secret
        }
    }
}
