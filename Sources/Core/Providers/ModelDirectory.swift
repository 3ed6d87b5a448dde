import Synchronization

/// The models the gateway routes to right now: config.yaml's, fixed for the life of the process, plus the ones a
/// plugin manages at runtime (`/model/new`, models stored in the database).
///
/// The request path reads ``catalog``: one lock, no I/O, an immutable snapshot. A change builds a new catalog at
/// once and tells the observers (access-group membership, caches of model lists), so a model added in this
/// process is routable by the next request.
public final class ModelDirectory: Sendable {
    public typealias Validator = @Sendable (Deployment) throws -> Void
    public typealias Observer = @Sendable (ModelCatalog) -> Void
    /// Reads the access groups as a plugin keeps them (config and database groups, nested groups resolved).
    public typealias AccessGroupSource = @Sendable () async -> AccessGroupGraph

    private struct State {
        var runtime: [Deployment] = []
        var catalog: ModelCatalog
        var validator: Validator?
        var observers: [Observer] = []
        var accessGroupSource: AccessGroupSource?
    }

    /// config.yaml's deployments; the API cannot change them.
    public let configDeployments: [Deployment]
    /// Names served through wildcard deployments so far (``noteServed(_:teamID:)``), oldest first, at most
    /// ``maxWildcardNames``: what `/v1/models` lists beside the patterns, as LiteLLM does.
    private let wildcardNames = Mutex<[String]>([])
    public static let maxWildcardNames = 1000
    private let configIDs: Set<String>
    private let state: Mutex<State>

    public init(configDeployments: [Deployment]) {
        self.configDeployments = configDeployments
        self.configIDs = Set(configDeployments.map(\.id))
        self.state = Mutex(State(catalog: ModelCatalog(deployments: configDeployments)))
    }

    /// Every deployment now routable, config first.
    public var catalog: ModelCatalog { state.withLock { $0.catalog } }

    /// The deployments managed at runtime (not from config.yaml).
    public var runtimeDeployments: [Deployment] { state.withLock { $0.runtime } }

    /// Remembers a name a request was answered under, when a wildcard deployment served it.
    public func noteServed(_ modelName: String, teamID: String?) {
        guard catalog.isServedByWildcard(modelName, teamID: teamID) else { return }
        wildcardNames.withLock { names in
            guard !names.contains(modelName) else { return }
            if names.count >= Self.maxWildcardNames { names.removeFirst() }
            names.append(modelName)
        }
    }

    /// The names wildcard deployments have served so far, oldest first.
    public var wildcardNamesServed: [String] { wildcardNames.withLock { $0 } }

    /// Whether the id names a config.yaml model.
    public func isConfigModel(id: String) -> Bool { configIDs.contains(id) }

    /// Replaces every runtime deployment (a load from the store). Ids of config models are ignored: config wins.
    public func replaceRuntime(_ deployments: [Deployment]) {
        update { $0 = deployments }
    }

    /// Adds a runtime deployment, or replaces the one with its id.
    public func upsert(_ deployment: Deployment) {
        update { runtime in
            if let index = runtime.firstIndex(where: { $0.id == deployment.id }) {
                runtime[index] = deployment
            } else {
                runtime.append(deployment)
            }
        }
    }

    /// Removes a runtime deployment. - Returns: whether it was there.
    @discardableResult
    public func remove(id: String) -> Bool {
        var removed = false
        update { runtime in
            let before = runtime.count
            runtime.removeAll { $0.id == id }
            removed = runtime.count != before
        }
        return removed
    }

    /// Checks a deployment against the providers this gateway has (the server installs the check at startup).
    /// - Throws: ``ConfigError`` naming the unknown provider or the missing `api_base`.
    public func validate(_ deployment: Deployment) throws {
        try state.withLock { $0.validator }?(deployment)
    }

    /// Installs the provider check ``validate(_:)`` runs, and applies it to the runtime deployments loaded before
    /// it was installed (a plugin loads stored models before the providers are known).
    /// - Returns: why each runtime deployment that fails the check was removed, for the startup log.
    @discardableResult
    public func setValidator(_ validator: @escaping Validator) -> [String] {
        var rejected: [String] = []
        state.withLock { $0.validator = validator }
        update { runtime in
            runtime.removeAll { deployment in
                do {
                    try validator(deployment)
                    return false
                } catch {
                    rejected.append("model '\(deployment.id)' left out: \(error)")
                    return true
                }
            }
        }
        return rejected
    }

    /// Installs where ``accessGroups()`` reads the groups (the plugin that keeps database access groups does).
    public func setAccessGroupSource(_ source: @escaping AccessGroupSource) {
        state.withLock { $0.accessGroupSource = source }
    }

    /// The access groups now, for listings such as `/v1/models?only_model_access_groups=true`: the installed
    /// source's, or, when no plugin installed one, the config groups of the current deployments.
    public func accessGroups() async -> AccessGroupGraph {
        if let source = state.withLock({ $0.accessGroupSource }) { return await source() }
        return AccessGroupGraph(deployments: catalog.deployments)
    }

    /// Calls `observer` with the new catalog after every change (never for the initial one), in change order.
    /// It runs under the directory's lock: it must be quick and must not call back into the directory.
    public func observe(_ observer: @escaping Observer) {
        state.withLock { $0.observers.append(observer) }
    }

    private func update(_ change: (inout [Deployment]) -> Void) {
        state.withLock { state in
            change(&state.runtime)
            state.runtime.removeAll { configIDs.contains($0.id) }
            state.catalog = ModelCatalog(deployments: configDeployments + state.runtime)
            for observer in state.observers { observer(state.catalog) }
        }
    }
}
