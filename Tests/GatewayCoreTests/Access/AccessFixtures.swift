import Synchronization

@testable import GatewayCore

/// The model world the Access tests share.
///
/// Config: `gpt-4o`, `gpt-4o-mini` in group `openai-models`; `claude-3` in `anthropic-models`; `o1`;
/// `nova-micro` (bedrock/us.amazon.nova-micro-v1:0); `bedrock/us.amazon.nova-lite-v1:0` (public name = provider
/// path); `my-gpt` (openai/gpt-4.1, a custom public name); `mixed` (openai and azure); `team-gpt` (alias target).
/// Database, nested three deep: `everything` → `research` → `reasoning` → `o1`; `research` also holds
/// `anthropic-models`; `everything` also holds `openai-models`.
enum AccessFixtures {
    static func deployment(_ name: String, _ provider: String, _ upstream: String, groups: [String] = [], id: String? = nil) -> Deployment {
        Deployment(id: id ?? "\(name)-\(provider)", modelName: name, provider: provider, upstreamModel: upstream, accessGroups: groups)
    }

    static let deployments: [Deployment] = [
        deployment("gpt-4o", "openai", "gpt-4o", groups: ["openai-models"]),
        deployment("gpt-4o-mini", "openai", "gpt-4o-mini", groups: ["openai-models"]),
        deployment("claude-3", "anthropic", "claude-3-5-sonnet", groups: ["anthropic-models"]),
        deployment("o1", "openai", "o1"),
        deployment("nova-micro", "bedrock", "us.amazon.nova-micro-v1:0"),
        deployment("bedrock/us.amazon.nova-lite-v1:0", "bedrock", "us.amazon.nova-lite-v1:0"),
        deployment("my-gpt", "openai", "gpt-4.1"),
        deployment("mixed", "openai", "gpt-4o"),
        deployment("mixed", "azure", "gpt-4o"),
        deployment("team-gpt", "openai", "gpt-4o"),
    ]

    static let catalog = ModelCatalog(deployments: deployments)
    static let modelNames: Set<String> = Set(deployments.map(\.modelName))

    static func record(_ id: String, _ members: [String]) -> AccessGroupRecord {
        AccessGroupRecord(groupID: id, members: members, createdAt: 0, updatedAt: 0)
    }

    static let records: [AccessGroupRecord] = [
        record("reasoning", ["o1"]),
        record("research", ["anthropic-models", "reasoning"]),
        record("everything", ["research", "openai-models"]),
    ]

    static let graph = AccessGroupGraph(deployments: deployments, records: records)

    /// The deployments of a public model name.
    static func deploymentsOf(_ name: String) -> [Deployment] { catalog.deployments(for: name) }

    static func key(models: [String] = [], team: String? = nil, groups: [String] = [], aliases: [String: String] = [:]) -> VirtualKeyRecord {
        VirtualKeyRecord(
            keyHash: "hash", userID: "u1", teamID: team, models: models, createdAt: 0,
            settings: KeySettings(aliases: aliases, accessGroupIDs: groups))
    }

    static func team(models: [String] = [], aliases: [String: String] = [:]) -> TeamRecord {
        TeamRecord(teamID: "team-a", models: models, modelAliases: aliases, createdAt: 0, updatedAt: 0)
    }

    static func user(models: [String] = []) -> UserRecord { UserRecord(userID: "u1", models: models, createdAt: 0, updatedAt: 0) }
    static func org(models: [String] = []) -> OrganizationRecord {
        OrganizationRecord(organizationID: "org-1", models: models, createdAt: 0, updatedAt: 0)
    }
    static func project(models: [String] = []) -> ProjectRecord { ProjectRecord(projectID: "proj-1", models: models, createdAt: 0, updatedAt: 0) }
}

/// A clock tests move by hand.
final class ManualClock: Sendable {
    let start = ContinuousClock.now
    private let offset = Mutex<Duration>(.zero)

    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
    func advance(by duration: Duration) { offset.withLock { $0 += duration } }
}
