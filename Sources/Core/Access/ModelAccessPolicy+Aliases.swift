extension ModelAccessPolicy {
    /// Resolves a requested model name through the key's aliases, then the team's model aliases: one step, the
    /// key's map wins when both name the model, and a target is not resolved again (no chains, no loops).
    ///
    /// LiteLLM rewrites with the team's map and then the key's, chained, after auth has already checked the raw
    /// name; Tollgate resolves first so access is decided on the model actually called. How each level checks
    /// an aliased request is documented on ``AccessCheck``.
    /// - Parameters:
    ///   - model: the name the client sent.
    ///   - keyAliases: the key's `aliases` (requested name → model).
    ///   - teamAliases: the team's `model_aliases` (requested name → model).
    /// - Returns: the requested and resolved names and which map applied.
    public static func resolveAlias(_ model: String, keyAliases: [String: String], teamAliases: [String: String]) -> ResolvedModel {
        if let target = keyAliases[model], !target.isEmpty { return ResolvedModel(requested: model, resolved: target, source: .keyAlias) }
        if let target = teamAliases[model], !target.isEmpty { return ResolvedModel(requested: model, resolved: target, source: .teamAlias) }
        return ResolvedModel(requested: model, resolved: model, source: .none)
    }
}
