import GatewayCore

/// `GET /v1/models?only_model_access_groups=true`: the access groups the caller can use instead of models, in the
/// same list shape (each group's name as `id`), as LiteLLM's proxy answers it.
///
/// A caller whose models are not restricted (admins, the master key, keys without a model list) gets every group.
/// A restricted caller gets each group that grants at least one model it can reach, all of which the caller may
/// use. LiteLLM instead lists the groups the key's (or else the team's) `models` names literally, and for an
/// unrestricted key none unless `include_model_access_groups=true`; here a group is listed when using it would
/// succeed, whatever list granted it.
extension ModelRoutes {
    /// The values LiteLLM's boolean query parameters take (FastAPI's parsing), either case.
    static let trueValues: Set<String> = ["true", "1", "yes", "on"]
    static let falseValues: Set<String> = ["false", "0", "no", "off"]

    /// The boolean query parameter `name`; false when absent.
    /// - Throws: 400 naming the parameter when its value is not a boolean.
    static func flag(_ name: String, in query: [String: String]) throws -> Bool {
        guard let value = query[name]?.lowercased() else { return false }
        if trueValues.contains(value) { return true }
        if falseValues.contains(value) { return false }
        throw GatewayError.badRequest("Invalid \(name) '\(value.prefix(40))': use true or false.", param: name)
    }

    /// The groups `principal` can use, sorted by name.
    /// - Parameters:
    ///   - graph: the access groups (``ModelDirectory/accessGroups()``).
    ///   - reachable: the public names the caller's team can reach (shared, its own, wildcard-served).
    ///   - usable: the names among them the caller may use (what `/v1/models` lists).
    static func accessGroupNames(_ graph: AccessGroupGraph, for principal: Principal, reachable: Set<String>, usable: Set<String>) -> [String] {
        let names = graph.groupNames.sorted()
        guard !principal.allowedModels.isEmpty else { return names }
        return names.filter { group in
            let models = graph.models(in: group).filter(reachable.contains)
            return !models.isEmpty && models.allSatisfy(usable.contains)
        }
    }
}
