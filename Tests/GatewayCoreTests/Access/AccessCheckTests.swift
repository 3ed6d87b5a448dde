import Testing

@testable import GatewayCore

/// The model-access matrix: each level's list × exact / `*` / `all-proxy-models` / wildcards / provider prefix /
/// access groups (nested, cyclic) × aliases.
struct AccessCheckTests {
    typealias F = AccessFixtures

    enum Level: String, CaseIterable, Sendable {
        case key, team, user, organization, project

        var errorType: String { self == .organization ? "org_model_access_denied" : "\(rawValue)_model_access_denied" }

        /// A caller whose only restricted level is this one. The team key carries a user whose list would deny
        /// everything, to show a user's list does not apply to team keys.
        func objects(_ list: [String]) -> AccessObjects {
            switch self {
            case .key: AccessObjects(key: F.key(models: list))
            case .team: AccessObjects(key: F.key(team: "team-a"), team: F.team(models: list), user: F.user(models: ["nothing"]))
            case .user: AccessObjects(key: F.key(), user: F.user(models: list))
            case .organization: AccessObjects(key: F.key(), organization: F.org(models: list))
            case .project: AccessObjects(key: F.key(team: "team-a"), team: F.team(), project: F.project(models: list))
            }
        }
    }

    static let listCases = ModelAccessPolicyTests.cases.filter { !$0.allowed.contains(ModelAccessPolicy.allTeamModels) }

    func check(_ model: String, _ objects: AccessObjects, graph: AccessGroupGraph = F.graph) -> AccessDecision {
        AccessCheck(groups: graph).check(model: model, objects: objects, deployments: F.deploymentsOf)
    }

    @Test(arguments: listCases, Level.allCases)
    func everyLevelReadsItsListAsLiteLLMDoes(_ test: ModelAccessPolicyTests.Case, level: Level) {
        let decision = check(test.model, level.objects(test.allowed))
        if test.expected {
            #expect(decision == .allowed)
        } else {
            guard case .denied(let objectType, let errorType, let message) = decision else {
                Issue.record("expected a denial, got \(decision)")
                return
            }
            #expect(objectType == level.rawValue)
            #expect(errorType == level.errorType)
            #expect(message.contains("Tried to access \(test.model)."))
        }
    }

    @Test(arguments: Level.allCases)
    func storedCycleResolvesSafelyAtEveryLevel(level: Level) throws {
        // The write that would close the loop is refused…
        let error = #expect(throws: AccessGroupValidationError.self) {
            try F.graph.validateWrite(groupID: "reasoning", members: ["everything"], knownModels: F.modelNames)
        }
        #expect(error?.cyclePath == ["reasoning", "everything", "research", "reasoning"])
        // …and a loop already in stored data grants the loop's models and nothing else.
        let cyclic = AccessGroupGraph(
            deployments: F.deployments, records: F.records.filter { $0.groupID != "reasoning" } + [F.record("reasoning", ["o1", "everything"])])
        #expect(check("gpt-4o", level.objects(["reasoning"]), graph: cyclic) == .allowed)
        #expect(check("claude-3", level.objects(["reasoning"]), graph: cyclic) == .allowed)
        #expect(!check("nova-micro", level.objects(["reasoning"]), graph: cyclic).isAllowed)
    }

    struct AliasCase: Sendable, CustomTestStringConvertible {
        var name: String
        var objects: AccessObjects
        var model: String
        /// The level that denies, or nil when allowed.
        var denied: Level?
        var testDescription: String { name }
    }

    static let fast = ["fast": "gpt-4o-mini"]
    static let teamGPT = ["gpt-4o": "team-gpt"]

    static let aliasCases: [AliasCase] = [
        AliasCase(
            name: "key alias: target in key list", objects: .init(key: F.key(models: ["gpt-4o-mini"], aliases: fast)), model: "fast", denied: nil),
        AliasCase(name: "key alias: alias in key list", objects: .init(key: F.key(models: ["fast"], aliases: fast)), model: "fast", denied: nil),
        AliasCase(name: "key alias: neither in key list", objects: .init(key: F.key(models: ["gpt-4o"], aliases: fast)), model: "fast", denied: .key),
        AliasCase(
            name: "key alias cannot widen the team", objects: .init(key: F.key(team: "team-a", aliases: fast), team: F.team(models: ["fast"])),
            model: "fast", denied: .team),
        AliasCase(
            name: "key alias: target in team list", objects: .init(key: F.key(team: "team-a", aliases: fast), team: F.team(models: ["gpt-4o-mini"])),
            model: "fast", denied: nil),
        AliasCase(
            name: "key alias cannot widen the user", objects: .init(key: F.key(aliases: fast), user: F.user(models: ["fast"])), model: "fast",
            denied: .user),
        AliasCase(
            name: "key alias: target by provider prefix", objects: .init(key: F.key(aliases: fast), user: F.user(models: ["openai/*"])),
            model: "fast", denied: nil),
        AliasCase(
            name: "team alias: alias in team list", objects: .init(key: F.key(team: "team-a"), team: F.team(models: ["gpt-4o"], aliases: teamGPT)),
            model: "gpt-4o", denied: nil),
        AliasCase(
            name: "team alias: target in team list", objects: .init(key: F.key(team: "team-a"), team: F.team(models: ["team-gpt"], aliases: teamGPT)),
            model: "gpt-4o", denied: nil),
        AliasCase(
            name: "team alias: alias through a group in team list",
            objects: .init(key: F.key(team: "team-a"), team: F.team(models: ["openai-models"], aliases: teamGPT)), model: "gpt-4o", denied: nil),
        AliasCase(
            name: "team alias is no blanket grant", objects: .init(key: F.key(team: "team-a"), team: F.team(models: ["claude-3"], aliases: teamGPT)),
            model: "gpt-4o", denied: .team),
        AliasCase(
            name: "team alias: alias in key list", objects: .init(key: F.key(models: ["gpt-4o"], team: "team-a"), team: F.team(aliases: teamGPT)),
            model: "gpt-4o", denied: nil),
        AliasCase(
            name: "team alias: alias in project list",
            objects: .init(key: F.key(team: "team-a"), team: F.team(aliases: teamGPT), project: F.project(models: ["gpt-4o"])), model: "gpt-4o",
            denied: nil),
        AliasCase(
            name: "team alias cannot widen the organization",
            objects: .init(key: F.key(team: "team-a"), team: F.team(aliases: teamGPT), organization: F.org(models: ["gpt-4o"])), model: "gpt-4o",
            denied: .organization),
        AliasCase(
            name: "team alias: target in organization list",
            objects: .init(key: F.key(team: "team-a"), team: F.team(aliases: teamGPT), organization: F.org(models: ["team-gpt"])), model: "gpt-4o",
            denied: nil),
        AliasCase(
            name: "key alias wins over team alias",
            objects: .init(key: F.key(team: "team-a", aliases: ["gpt-4o": "o1"]), team: F.team(models: ["team-gpt"], aliases: teamGPT)),
            model: "gpt-4o", denied: .team),
    ]

    @Test(arguments: aliasCases)
    func aliasesAreCheckedOnTheModelCalled(_ test: AliasCase) {
        let decision = check(test.model, test.objects)
        guard let level = test.denied else {
            #expect(decision == .allowed)
            return
        }
        guard case .denied(let objectType, let errorType, let message) = decision else {
            Issue.record("expected \(level) to deny, got \(decision)")
            return
        }
        #expect(objectType == level.rawValue)
        #expect(errorType == level.errorType)
        #expect(message.contains("(alias of "))
    }
}
