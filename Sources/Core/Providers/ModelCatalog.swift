/// The model groups: public model name → its deployments, `order` first, then the order they were added.
///
/// A deployment with a ``Deployment/teamID`` belongs to that team only: it is found under its public name for
/// that team and for nobody else. A team's own deployments of a name replace the shared ones of the same name
/// for that team, and every one of them is a candidate (siblings are never collapsed to one; LiteLLM's
/// team-model aliases once did that).
///
/// A name no deployment has exactly is served by the most specific wildcard deployment group whose pattern matches
/// it (``DeploymentWildcard``), the team's own patterns before the shared ones.
public struct ModelCatalog: Sendable {
    private struct TeamModel: Hashable {
        var teamID: String
        var modelName: String
    }

    private let shared: [String: [Deployment]]
    private let teamOwned: [TeamModel: [Deployment]]
    private let teamModelNames: [String: [String]]
    /// The wildcard groups, most specific first.
    private let sharedWildcards: [DeploymentWildcard]
    private let teamWildcards: [String: [DeploymentWildcard]]
    /// Every deployment, in the order given.
    public let deployments: [Deployment]
    /// Public model names every caller may be granted, in the order given.
    public let modelNames: [String]

    public init(deployments: [Deployment]) {
        var shared: [String: [Deployment]] = [:]
        var teamOwned: [TeamModel: [Deployment]] = [:]
        var names: [String] = []
        var teamNames: [String: [String]] = [:]
        for deployment in deployments {
            if let teamID = deployment.teamID {
                let key = TeamModel(teamID: teamID, modelName: deployment.modelName)
                if teamOwned[key] == nil { teamNames[teamID, default: []].append(deployment.modelName) }
                teamOwned[key, default: []].append(deployment)
            } else {
                if shared[deployment.modelName] == nil { names.append(deployment.modelName) }
                shared[deployment.modelName, default: []].append(deployment)
            }
        }
        self.shared = shared.mapValues(Self.ordered)
        self.teamOwned = teamOwned.mapValues(Self.ordered)
        self.teamModelNames = teamNames
        self.sharedWildcards = Self.wildcards(names)
        self.teamWildcards = teamNames.mapValues(Self.wildcards)
        self.deployments = deployments
        self.modelNames = names
    }

    /// The deployments serving a public model name for every caller; empty for an unknown name.
    public func deployments(for modelName: String) -> [Deployment] { deployments(for: modelName, teamID: nil) }

    /// The deployments serving a public model name for a caller in `teamID`: the team's own, else the shared ones;
    /// for a name no deployment has, those of the most specific matching wildcard, made concrete for the name.
    public func deployments(for modelName: String, teamID: String?) -> [Deployment] {
        if let teamID, let owned = teamOwned[TeamModel(teamID: teamID, modelName: modelName)] { return owned }
        if let exact = shared[modelName] { return exact }
        if let teamID, let own = teamWildcards[teamID],
            let matched = Self.match(modelName, own, { teamOwned[TeamModel(teamID: teamID, modelName: $0)] })
        {
            return matched
        }
        return Self.match(modelName, sharedWildcards, { shared[$0] }) ?? []
    }

    /// Whether any deployment is a wildcard: when none is, no name is served through one.
    public var hasWildcards: Bool { !sharedWildcards.isEmpty || !teamWildcards.isEmpty }

    /// Whether `modelName` is served through a wildcard deployment rather than named by one.
    public func isServedByWildcard(_ modelName: String, teamID: String?) -> Bool {
        !named(modelName, teamID: teamID) && !deployments(for: modelName, teamID: teamID).isEmpty
    }

    private func named(_ modelName: String, teamID: String?) -> Bool {
        if shared[modelName] != nil { return true }
        guard let teamID else { return false }
        return teamOwned[TeamModel(teamID: teamID, modelName: modelName)] != nil
    }

    private static func match(_ name: String, _ wildcards: [DeploymentWildcard], _ group: (String) -> [Deployment]?) -> [Deployment]? {
        for wildcard in wildcards {
            guard let captured = wildcard.capture(name), let deployments = group(wildcard.pattern) else { continue }
            return deployments.map { wildcard.concrete($0, serving: name, captured: captured) }
        }
        return nil
    }

    /// The wildcard patterns among `names`, most specific first (ties: the order given).
    private static func wildcards(_ names: [String]) -> [DeploymentWildcard] {
        names.compactMap(DeploymentWildcard.init).enumerated().sorted { lhs, rhs in
            (-lhs.element.specificity, lhs.offset) < (-rhs.element.specificity, rhs.offset)
        }.map(\.element)
    }

    /// The public names a caller in `teamID` can reach: the shared ones, then the team's own that are not shared.
    public func modelNames(teamID: String?) -> [String] {
        guard let teamID, let own = teamModelNames[teamID] else { return modelNames }
        return modelNames + own.filter { shared[$0] == nil }
    }

    /// The public names `principal` may use: those its team can reach, narrowed to ``Principal/allowedModels``
    /// (empty allows every one). What `/v1/models` and `/model/info` list.
    public func modelNames(for principal: Principal) -> [String] {
        modelNames(teamID: principal.teamID).filter { principal.allowedModels.isEmpty || principal.allowedModels.contains($0) }
    }

    /// One deployment by its id.
    public func deployment(id: String) -> Deployment? { deployments.first { $0.id == id } }

    /// A stable sort: deployments with an `order` first (lowest first), the rest keep their order.
    private static func ordered(_ group: [Deployment]) -> [Deployment] {
        group.enumerated().sorted { lhs, rhs in
            (lhs.element.order ?? Int.max, lhs.offset) < (rhs.element.order ?? Int.max, rhs.offset)
        }.map(\.element)
    }
}
