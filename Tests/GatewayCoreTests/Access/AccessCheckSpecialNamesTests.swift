import HTTPTypes
import Testing

@testable import GatewayCore

/// `access_group_ids`, `all-team-models`, `no-default-models`, level order and the 403 a denial becomes.
struct AccessCheckSpecialNamesTests {
    typealias F = AccessFixtures

    func check(_ model: String, _ objects: AccessObjects) -> AccessDecision {
        AccessCheck(groups: F.graph).check(model: model, objects: objects, deployments: F.deploymentsOf)
    }

    func deniedLevel(_ decision: AccessDecision) -> String? {
        guard case .denied(let objectType, _, _) = decision else { return nil }
        return objectType
    }

    @Test func keyAccessGroupIDsGrantTheirNestedModelsAndRestrictAnEmptyList() {
        #expect(check("o1", AccessObjects(key: F.key(groups: ["research"]))) == .allowed)
        #expect(check("claude-3", AccessObjects(key: F.key(groups: ["research"]))) == .allowed)
        #expect(deniedLevel(check("gpt-4o", AccessObjects(key: F.key(groups: ["research"])))) == "key")
        #expect(check("gpt-4o", AccessObjects(key: F.key(models: ["gpt-4o"], groups: ["research"]))) == .allowed)
        #expect(check("o1", AccessObjects(key: F.key(models: ["gpt-4o"], groups: ["research"]))) == .allowed)
        #expect(deniedLevel(check("o1", AccessObjects(key: F.key(groups: ["ghost"])))) == "key")
    }

    @Test func allTeamModelsDefersToTheTeam() {
        let team = F.team(models: ["claude-3"])
        #expect(check("claude-3", AccessObjects(key: F.key(models: ["all-team-models"], team: "team-a"), team: team)) == .allowed)
        #expect(
            deniedLevel(check("gpt-4o", AccessObjects(key: F.key(models: ["all-team-models"], team: "team-a"), team: F.team(models: ["claude-3"]))))
                == "key")
        #expect(check("gpt-4o", AccessObjects(key: F.key(models: ["all-team-models"], team: "team-a"), team: F.team())) == .allowed)
        // A personal key has no team to defer to.
        #expect(deniedLevel(check("gpt-4o", AccessObjects(key: F.key(models: ["all-team-models"])))) == "key")
        // A team list naming all-team-models does not recurse and grants nothing by itself.
        #expect(deniedLevel(check("gpt-4o", AccessObjects(key: F.key(team: "team-a"), team: F.team(models: ["all-team-models"])))) == "team")
        let project = AccessObjects(
            key: F.key(team: "team-a"), team: F.team(models: ["claude-3", "o1"]), project: F.project(models: ["all-team-models"]))
        #expect(check("o1", project) == .allowed)
    }

    @Test func noDefaultModelsBlocksPersonalKeysOnly() {
        let user = F.user(models: ["no-default-models"])
        let decision = check("gpt-4o", AccessObjects(key: F.key(), user: user))
        guard case .denied(let objectType, let errorType, let message) = decision else {
            Issue.record("expected a denial")
            return
        }
        #expect(objectType == "user")
        #expect(errorType == "key_model_access_denied")  // LiteLLM's type for this case
        #expect(message.contains("only team models allowed"))
        #expect(check("gpt-4o", AccessObjects(key: F.key(team: "team-a"), team: F.team(), user: user)) == .allowed)
    }

    @Test func everyLevelMustAllowAndTheFirstDenialIsReported() {
        let all = AccessObjects(
            key: F.key(models: ["everything"], team: "team-a"), team: F.team(models: ["openai/*", "claude-3"]), user: F.user(models: ["nothing"]),
            organization: F.org(models: ["gpt-4o", "claude-3", "o1"]), project: F.project(models: ["gpt-4o", "claude-3"]))
        #expect(check("gpt-4o", all) == .allowed)
        #expect(check("claude-3", all) == .allowed)
        #expect(deniedLevel(check("nova-micro", all)) == "key")
        #expect(deniedLevel(check("o1", all)) == "project")  // key (everything), team (openai/*) allow; project does not
        #expect(deniedLevel(check("gpt-4o-mini", all)) == "project")
        var noProject = all
        noProject.project = nil
        #expect(deniedLevel(check("gpt-4o-mini", noProject)) == "organization")
    }

    @Test func denialBecomesA403WithLiteLLMsTypeAndWhatTheObjectMayUse() throws {
        let decision = check("gpt-4o", AccessObjects(key: F.key(models: ["o1", "research"])))
        let error = try #require(decision.gatewayError)
        #expect(error.status.code == 403)
        #expect(error.type == "key_model_access_denied")
        #expect(error.param == "model")
        #expect(error.json["error"]?["code"] == "403")
        #expect(
            error.message == "key not allowed to access model. This key can only access models=[o1, research (claude-3, o1)]. Tried to access gpt-4o."
        )
        #expect(!error.message.contains("hash"))
        #expect(AccessDecision.allowed.gatewayError == nil)
        let team = check("gpt-4o", AccessObjects(key: F.key(team: "team-a"), team: F.team(models: ["o1"])))
        #expect(team.gatewayError?.message.contains("This team (team-a) can only access models=[o1]") == true)
    }

    @Test func accessibleModelsListsWhatEveryLevelAllows() {
        let names = F.catalog.modelNames
        let objects = AccessObjects(key: F.key(models: ["everything", "bedrock/us.*"], team: "team-a"), team: F.team(models: ["*"]))
        let access = AccessCheck(groups: F.graph)
        #expect(
            access.accessibleModels(names, objects: objects, deployments: F.deploymentsOf)
                == ["gpt-4o", "gpt-4o-mini", "claude-3", "o1", "nova-micro", "bedrock/us.amazon.nova-lite-v1:0"])
        #expect(access.accessibleModels(names, objects: AccessObjects(key: F.key()), deployments: F.deploymentsOf) == names)
    }
}
