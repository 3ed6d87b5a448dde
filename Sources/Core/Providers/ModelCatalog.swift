/// The model groups of config.yaml: public model name → its deployments, `order` first, then config order.
public struct ModelCatalog: Sendable {
    private let groups: [String: [Deployment]]
    /// Public model names in config order.
    public let modelNames: [String]

    public init(deployments: [Deployment]) {
        var groups: [String: [Deployment]] = [:]
        var names: [String] = []
        for deployment in deployments {
            if groups[deployment.modelName] == nil { names.append(deployment.modelName) }
            groups[deployment.modelName, default: []].append(deployment)
        }
        // A stable sort: deployments with an `order` first (lowest first), the rest keep config order.
        self.groups = groups.mapValues { group in
            group.enumerated().sorted { lhs, rhs in
                (lhs.element.order ?? Int.max, lhs.offset) < (rhs.element.order ?? Int.max, rhs.offset)
            }.map(\.element)
        }
        self.modelNames = names
    }

    /// The deployments serving a public model name; empty for an unknown name.
    public func deployments(for modelName: String) -> [Deployment] { groups[modelName] ?? [] }
}
