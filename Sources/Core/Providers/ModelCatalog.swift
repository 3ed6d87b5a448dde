/// The model groups: public model name → its deployments, `order` first, then the order they were added.
///
/// A deployment with a ``Deployment/teamID`` belongs to that team only: it is found under its public name for
/// that team and for nobody else. A team's own deployments of a name replace the shared ones of the same name
/// for that team, and every one of them is a candidate (siblings are never collapsed to one; LiteLLM's
/// team-model aliases once did that).
public struct ModelCatalog: Sendable {
    private struct TeamModel: Hashable {
        var teamID: String
        var modelName: String
    }

    private let shared: [String: [Deployment]]
    private let teamOwned: [TeamModel: [Deployment]]
    private let teamModelNames: [String: [String]]
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
        self.deployments = deployments
        self.modelNames = names
    }

    /// The deployments serving a public model name for every caller; empty for an unknown name.
    public func deployments(for modelName: String) -> [Deployment] { shared[modelName] ?? [] }

    /// The deployments serving a public model name for a caller in `teamID`: the team's own, else the shared ones.
    public func deployments(for modelName: String, teamID: String?) -> [Deployment] {
        if let teamID, let owned = teamOwned[TeamModel(teamID: teamID, modelName: modelName)] { return owned }
        return shared[modelName] ?? []
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
