/// Model access groups, nested, resolved to the public model names each one grants.
///
/// Groups come from two places and are merged by name:
/// - config: every name in a deployment's `model_info.access_groups` is a group containing that deployment's
///   public `modelName`;
/// - the database: an ``AccessGroupRecord`` whose members are model names or other groups' names (groups nest).
///
/// Resolution is transitive, breadth-first, and precomputed when the graph is built, so ``models(in:)`` on the
/// request path is one dictionary lookup. A cycle in stored data (written before validation existed, or by hand)
/// cannot hang or blow the stack: each group is expanded once per resolution. Nesting is bounded: a group at
/// level ``maxDepth`` (the group asked about is level 1) contributes its models, but groups below it are not
/// expanded, so an over-deep chain grants less, never more. ``validateWrite(groupID:members:knownModels:)``
/// keeps new writes within the bound.
public struct AccessGroupGraph: Sendable, Equatable {
    /// The deepest nesting resolved and accepted on write: 16 levels of groups, the group itself included.
    public static let maxDepth = 16

    /// group → its direct members in order (config models first, then database members), without duplicates.
    private var edges: [String: [String]] = [:]
    /// group → the public model names config gives it (a subset of `edges`).
    private var configEdges: [String: [String]] = [:]
    private var databaseGroups: Set<String> = []
    /// Public model names of the deployments the graph was built from.
    private var deploymentModels: Set<String> = []
    /// group → every model name it grants within ``maxDepth``.
    private var resolved: [String: Set<String>] = [:]
    /// group → the wildcard names among its models (config deployments named like `openai/*`), usually none.
    private var resolvedPatterns: [String: [String]] = [:]

    /// Builds the graph from config deployments and database groups.
    /// - Parameters:
    ///   - deployments: the deployments of config.yaml (and models added through the API); their `accessGroups`
    ///     define config groups.
    ///   - records: the access groups stored in the database; empty gives the flat config-only graph.
    public init(deployments: [Deployment] = [], records: [AccessGroupRecord] = []) {
        for deployment in deployments {
            deploymentModels.insert(deployment.modelName)
            for group in deployment.accessGroups {
                Self.append(deployment.modelName, to: group, in: &configEdges)
                Self.append(deployment.modelName, to: group, in: &edges)
            }
        }
        for record in records {
            databaseGroups.insert(record.groupID)
            if edges[record.groupID] == nil { edges[record.groupID] = [] }
            for member in record.members { Self.append(member, to: record.groupID, in: &edges) }
        }
        resolved.reserveCapacity(edges.count)
        for group in edges.keys {
            let models = resolve(group)
            resolved[group] = models
            let patterns = models.filter(ModelWildcard.isPattern)
            if !patterns.isEmpty { resolvedPatterns[group] = patterns.sorted() }
        }
    }

    /// Every group name, from config and database.
    public var groupNames: Set<String> { Set(edges.keys) }

    /// Whether `name` is a group (config or database).
    /// - Parameter name: a model or group name.
    /// - Returns: true for a known group.
    public func isGroup(_ name: String) -> Bool { edges[name] != nil }

    /// Whether `name` is a group defined in the database (it may also have config members).
    /// - Parameter name: a group name.
    public func isDatabaseGroup(_ name: String) -> Bool { databaseGroups.contains(name) }

    /// Whether `name` is a group defined by config `model_info.access_groups`.
    /// - Parameter name: a group name.
    public func isConfigGroup(_ name: String) -> Bool { configEdges[name] != nil }

    /// The direct members of a group (models and groups), in stored order; empty for an unknown name.
    /// - Parameter group: a group name.
    public func members(of group: String) -> [String] { edges[group] ?? [] }

    /// Every model name `group` grants, nested groups resolved; empty for an unknown name.
    /// - Parameter group: a group name.
    /// - Returns: model names (a member that is neither a group nor a deployed model is kept as a name).
    public func models(in group: String) -> Set<String> { resolved[group] ?? [] }

    /// Whether `group` grants `model` (nested groups resolved).
    /// - Parameters:
    ///   - model: a public model name.
    ///   - group: a group name.
    public func group(_ group: String, contains model: String) -> Bool { resolved[group]?.contains(model) ?? false }

    /// The wildcard names among the models of `group` (e.g. a config deployment named `openai/*`).
    /// - Parameter group: a group name.
    public func wildcardModels(in group: String) -> [String] { resolvedPatterns[group] ?? [] }

    /// The models of `group`: breadth-first so each group is reached at its shallowest level; the visited set
    /// makes cycles harmless and the level bound caps the work.
    private func resolve(_ group: String) -> Set<String> {
        var models: Set<String> = []
        var visited: Set<String> = [group]
        var level: [String] = [group]
        var depth = 1
        while !level.isEmpty {
            var next: [String] = []
            for current in level {
                for member in edges[current] ?? [] {
                    let memberIsGroup = edges[member] != nil
                    // A name that is both a deployed model and a group grants the model and the group's models.
                    if !memberIsGroup || deploymentModels.contains(member) { models.insert(member) }
                    if memberIsGroup, depth < Self.maxDepth, visited.insert(member).inserted { next.append(member) }
                }
            }
            level = next
            depth += 1
        }
        return models
    }

    /// Appends `member` to `group`'s members unless already there.
    private static func append(_ member: String, to group: String, in edges: inout [String: [String]]) {
        if edges[group]?.contains(member) == true { return }
        edges[group, default: []].append(member)
    }
}

extension AccessGroupGraph {
    /// The graph's edges, for validation in ``validateWrite(groupID:members:knownModels:)``.
    var edgeMap: [String: [String]] { edges }
    /// Public model names of the deployments the graph was built from.
    var knownDeploymentModels: Set<String> { deploymentModels }
    /// The members config gives `group`; a database write never removes them.
    func configMembers(of group: String) -> [String] { configEdges[group] ?? [] }
}
