import Testing

@testable import GatewayCore

struct ModelAccessPolicyTests {
    typealias F = AccessFixtures

    struct Case: Sendable, CustomTestStringConvertible {
        var allowed: [String]
        var model: String
        var expected: Bool
        var testDescription: String { "\(allowed) \(expected ? "allows" : "denies") \(model)" }
    }

    static let cases: [Case] = [
        Case(allowed: [], model: "gpt-4o", expected: true),
        Case(allowed: ["gpt-4o"], model: "gpt-4o", expected: true),
        Case(allowed: ["gpt-4o"], model: "gpt-4o-mini", expected: false),
        Case(allowed: ["*"], model: "claude-3", expected: true),
        Case(allowed: ["all-proxy-models"], model: "claude-3", expected: true),
        Case(allowed: ["all-team-models"], model: "claude-3", expected: false),  // needs the team: AccessCheck
        Case(allowed: ["openai/*"], model: "openai/gpt-4o", expected: true),
        Case(allowed: ["openai/*"], model: "my-gpt", expected: true),  // through its deployment's provider prefix
        Case(allowed: ["openai/*"], model: "claude-3", expected: false),
        Case(allowed: ["openai/*"], model: "mixed", expected: false),  // one deployment is azure
        Case(allowed: ["openai/*"], model: "openaizz/gpt-4o", expected: false),
        Case(allowed: ["bedrock/*"], model: "bedrockzzzz/us.amazon.nova-micro-v1:0", expected: false),
        Case(allowed: ["bedrock/us.*"], model: "bedrock/us.amazon.nova-lite-v1:0", expected: true),
        Case(allowed: ["bedrock/us.*"], model: "nova-micro", expected: true),
        Case(allowed: ["bedrock/us.*"], model: "bedrock/usa-model", expected: false),  // `.` is literal
        Case(allowed: ["bedrock/us.*"], model: "bedrock/eu.amazon.nova-micro-v1:0", expected: false),
        Case(allowed: ["gpt-*-mini"], model: "gpt-4o-mini", expected: true),  // a `*` in the middle
        Case(allowed: ["gpt-*-mini"], model: "gpt-4o", expected: false),
        Case(allowed: ["*-mini*"], model: "gpt-4o-mini", expected: true),
        Case(allowed: ["openai-models"], model: "gpt-4o-mini", expected: true),
        Case(allowed: ["openai-models"], model: "claude-3", expected: false),
        Case(allowed: ["research"], model: "o1", expected: true),
        Case(allowed: ["everything"], model: "gpt-4o", expected: true),
        Case(allowed: ["everything"], model: "nova-micro", expected: false),
        Case(allowed: ["missing-group"], model: "o1", expected: false),
    ]

    @Test(arguments: cases)
    func allowedListDecides(_ test: Case) {
        let allows = ModelAccessPolicy.allows(test.allowed, model: test.model, deployments: F.deploymentsOf(test.model), groups: F.graph)
        #expect(allows == test.expected)
    }

    @Test(arguments: [
        ("openai/*", "openai/gpt-4o", true), ("*", "", true), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false), ("*b", "aaab", true),
        ("a**", "a", true), ("exact", "exact", true), ("exact", "exactly", false), ("ü*", "über", true),
    ])
    func wildcardMatching(pattern: String, name: String, expected: Bool) {
        #expect(ModelWildcard.matches(pattern, name) == expected)
    }

    @Test func wildcardModelNamedInAConfigGroupGrantsWhatItMatches() {
        let deployments = [F.deployment("anthropic/*", "anthropic", "*", groups: ["wild"])]
        let graph = AccessGroupGraph(deployments: deployments)
        #expect(ModelAccessPolicy.allows(["wild"], model: "anthropic/claude-3", deployments: [], groups: graph))
        #expect(!ModelAccessPolicy.allows(["wild"], model: "openai/gpt-4o", deployments: [], groups: graph))
    }

    @Test func keyAliasWinsOverTeamAliasAndDoesNotChain() {
        let keyAliases = ["fast": "gpt-4o-mini", "gpt-4o-mini": "o1"]
        let teamAliases = ["fast": "claude-3", "gpt-4o": "team-gpt"]
        let fast = ModelAccessPolicy.resolveAlias("fast", keyAliases: keyAliases, teamAliases: teamAliases)
        #expect(fast == ResolvedModel(requested: "fast", resolved: "gpt-4o-mini", source: .keyAlias))
        let team = ModelAccessPolicy.resolveAlias("gpt-4o", keyAliases: keyAliases, teamAliases: teamAliases)
        #expect(team == ResolvedModel(requested: "gpt-4o", resolved: "team-gpt", source: .teamAlias))
        let plain = ModelAccessPolicy.resolveAlias("o1", keyAliases: keyAliases, teamAliases: teamAliases)
        #expect(plain == ResolvedModel(requested: "o1", resolved: "o1", source: .none))
        #expect(!plain.isAlias)
    }

    @Test func describeExpandsGroupsAndCapsTheList() {
        #expect(ModelAccessPolicy.describe(["gpt-4o", "openai/*", "research"], groups: F.graph) == "[gpt-4o, openai/*, research (claude-3, o1)]")
        let many = (0..<80).map { "m\($0)" }
        let described = ModelAccessPolicy.describe(many, groups: F.graph)
        #expect(described.contains("m49"))
        #expect(!described.contains("m50"))
        #expect(described.hasSuffix("… 30 more]"))
    }
}
