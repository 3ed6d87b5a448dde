import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// A JWT caller is held to the same common checks as a virtual key of its team: blocked team, budgets and rate
/// limits, the team's tool allowlist.
@Suite(.serialized)
struct JWTCommonChecksTests {
    static let settings = """
            user_id_jwt_field: sub
            user_id_upsert: true
            team_id_jwt_field: team
        """

    @Test(arguments: KeyBackend.available)
    func teamLimitsToolsAndBlocking(_ backend: KeyBackend) async throws {
        guard try await PythonSDKScript.canImport("cryptography") else { return }
        try await OIDCProvider.withRunning { idp in
            try await JWTGateway.run(backend, provider: idp, settings: Self.settings) { gateway in
                // One call's cost exhausts the budget: the first call passes, the next is refused.
                try await gateway.create("/team/new", ["team_id": "thrifty", "max_budget": .double(BudgetGateway.costPerCall / 2)])
                let thrifty = try await idp.mint(["sub": "t-1", "team": "thrifty"])
                #expect(try await gateway.chat(thrifty, model: BudgetGateway.pricedModel).status == 200)
                var overBudget = try await gateway.chat(thrifty, model: BudgetGateway.pricedModel)
                for _ in 0..<20 where overBudget.status == 200 {
                    try await Task.sleep(for: .milliseconds(100))
                    overBudget = try await gateway.chat(thrifty, model: BudgetGateway.pricedModel)
                }
                #expect(overBudget.status == 400 && overBudget.body.contains("budget"), "\(overBudget.body)")

                try await gateway.create("/team/new", ["team_id": "slow", "rpm_limit": 1])
                let slow = try await idp.mint(["sub": "t-2", "team": "slow"])
                #expect(try await gateway.chat(slow).status == 200)
                #expect(try await gateway.chat(slow).status == 429)

                try await gateway.create("/team/new", ["team_id": "tools", "metadata": ["allowed_tools": ["get_weather"]]])
                let tooled = try await idp.mint(["sub": "t-3", "team": "tools"])
                #expect(try await gateway.chat(tooled, body: ToolRequests.chat(tools: ["get_weather"])).status == 200)
                let denied = try await gateway.chat(tooled, body: ToolRequests.chat(tools: ["delete_files"]))
                #expect(denied.status == 403 && denied.body.contains("delete_files"), "\(denied.body)")

                try await gateway.create("/team/new", ["team_id": "frozen"])
                let frozen = try await idp.mint(["sub": "t-4", "team": "frozen"])
                #expect(try await gateway.chat(frozen).status == 200)
                try await gateway.create("/team/block", ["team_id": "frozen"])
                let blocked = try await gateway.chat(frozen)
                #expect(blocked.status == 401 && gateway.errorCode(blocked, token: frozen) == "team_blocked", "\(blocked.body)")
            }
        }
    }

    @Test
    func upsertedTeamAndUnknownUser() async throws {
        guard try await PythonSDKScript.canImport("cryptography") else { return }
        try await OIDCProvider.withRunning { idp in
            let settings = "    user_id_jwt_field: sub\n    team_id_jwt_field: team\n    team_id_upsert: true"
            try await JWTGateway.run(.sqlite, provider: idp, settings: settings) { gateway in
                try await gateway.create("/user/new", ["user_id": "known"])
                let token = try await idp.mint(["sub": "known", "team": "brand-new"])
                #expect(try await gateway.chat(token).status == 200)
                let team = try await gateway.endpoint.get("/team/info?team_id=brand-new", key: JWTGateway.master)
                #expect(team.status == 200, "team_id_upsert created it: \(team.body)")
                // Without user_id_upsert an unknown user is refused, naming the setting.
                let unknown = try await idp.mint(["sub": "stranger", "team": "brand-new"])
                let reply = try await gateway.chat(unknown)
                #expect(reply.status == 401 && gateway.errorCode(reply, token: unknown) == "user_not_found")
                #expect(reply.body.contains("user_id_upsert"))
            }
        }
    }
}
