/// Whether a model list (a key's, team's, user's, organization's or project's `models`) allows a model:
/// LiteLLM's common checks (`_can_object_call_model`), pure; exact, special-name and group matches allocate
/// nothing (only the provider-prefix match builds `provider/upstream` strings).
///
/// An allowed list is read as LiteLLM reads it:
/// - an empty list allows every model;
/// - `*` and `all-proxy-models` allow every model;
/// - an exact public model name allows that model;
/// - a wildcard (`openai/*`, `bedrock/us.*`, `gpt-*-mini`; `*` anywhere, see ``ModelWildcard``) allows a
///   requested name it matches, and a public model *through its provider prefix*: `openai/*` allows `my-gpt`
///   when every deployment of `my-gpt` is `openai/<upstream>`. LiteLLM infers the provider from the name
///   alone (`gpt-4o` → `openai`); Tollgate reads the deployments instead, and requires all of them to match,
///   because the router may send the call to any of them;
/// - an access group's name allows every model of the group, nested groups resolved.
///
/// `all-team-models` (a key or project list meaning "whatever the team may use") and `no-default-models` (a user
/// with team access only) need the principal's other objects; ``AccessCheck`` handles them.
public enum ModelAccessPolicy {
    /// `*`: every model.
    public static let allModels = "*"
    /// `all-proxy-models`: every model of the gateway.
    public static let allProxyModels = "all-proxy-models"
    /// `all-team-models`: a key's or project's list deferring to its team's list.
    public static let allTeamModels = "all-team-models"
    /// `no-default-models`: a user whose personal keys may call no model (team keys only).
    public static let noDefaultModels = "no-default-models"
    /// The most names ``describe(_:groups:)`` lists before summarising the rest.
    static let describedNamesLimit = 50

    /// Whether `allowed` lets the caller use `model`.
    /// - Parameters:
    ///   - allowed: the object's model list: models, wildcards, access groups, special names.
    ///   - model: the public model name asked for.
    ///   - deployments: the deployments `model` routes to, for the provider-prefix match; empty skips that match.
    ///   - groups: the access groups, for entries that name a group.
    /// - Returns: true when any entry allows the model, or the list is empty.
    public static func allows(_ allowed: [String], model: String, deployments: [Deployment], groups: AccessGroupGraph) -> Bool {
        if allowed.isEmpty { return true }
        for entry in allowed {
            if entry == allModels || entry == allProxyModels { return true }
            if entryAllows(entry, model: model, deployments: deployments) { return true }
            if groups.isGroup(entry), groupAllows(entry, model: model, deployments: deployments, groups: groups) { return true }
        }
        return false
    }

    /// Whether one entry, read as a model name or a wildcard, allows `model`.
    static func entryAllows(_ entry: String, model: String, deployments: [Deployment]) -> Bool {
        if entry == model { return true }
        guard ModelWildcard.isPattern(entry) else { return false }
        if ModelWildcard.matches(entry, model) { return true }
        return providerPrefixMatches(entry, deployments: deployments)
    }

    /// Whether every deployment's `provider/upstreamModel` matches the wildcard (none: no match).
    static func providerPrefixMatches(_ pattern: String, deployments: [Deployment]) -> Bool {
        guard !deployments.isEmpty else { return false }
        return deployments.allSatisfy { deployment in
            ModelWildcard.matches(pattern, deployment.provider + "/" + deployment.upstreamModel)
        }
    }

    /// Whether a group grants `model`: by name, or through a wildcard model name inside the group (a config
    /// deployment named `openai/*` in an access group grants what that name matches).
    private static func groupAllows(_ group: String, model: String, deployments: [Deployment], groups: AccessGroupGraph) -> Bool {
        if groups.group(group, contains: model) { return true }
        for member in groups.wildcardModels(in: group) {
            if member == allModels || entryAllows(member, model: model, deployments: deployments) { return true }
        }
        return false
    }

    /// What a list allows, for a denial message: `[gpt-4o, openai/*, research (claude-3, o1)]`, groups expanded,
    /// at most ``describedNamesLimit`` names. Names only: nothing secret is in a model list.
    /// - Parameters:
    ///   - allowed: the object's model list.
    ///   - groups: the access groups, to expand group entries.
    /// - Returns: a bracketed, comma-separated description.
    public static func describe(_ allowed: [String], groups: AccessGroupGraph) -> String {
        var parts: [String] = []
        var named = 0
        var omitted = 0
        for entry in allowed {
            guard named < describedNamesLimit else {
                omitted += 1
                continue
            }
            named += 1
            guard groups.isGroup(entry) else {
                parts.append(entry)
                continue
            }
            let models = groups.models(in: entry).sorted()
            let shown = models.prefix(max(0, describedNamesLimit - named))
            named += shown.count
            omitted += models.count - shown.count
            parts.append("\(entry) (\(shown.isEmpty && !models.isEmpty ? "…" : shown.joined(separator: ", ")))")
        }
        if omitted > 0 { parts.append("… \(omitted) more") }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
