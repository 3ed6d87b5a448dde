/// A deployment whose `model_name` holds `*` (`*`, `anthropic/*`, `groq/*`): LiteLLM's wildcard routing. It serves
/// every requested name the pattern matches that no deployment names exactly; the part the `*`s matched takes the
/// place of the `*` in the upstream model (`anthropic/*` → `anthropic/*` serves `anthropic/claude-x` as
/// `claude-x`; `*` → `openai/*` serves `gpt-4o` as `gpt-4o`).
///
/// The captured part runs from the end of the pattern's text before its first `*` to the start of its text after
/// its last `*`. Of several matching patterns the one with the most literal characters wins (`anthropic/*` over
/// `*`), as LiteLLM prefers the most specific.
public struct DeploymentWildcard: Sendable, Hashable {
    public let pattern: String
    private let prefix: String
    private let suffix: String

    /// - Returns: nil unless `modelName` holds a `*`.
    public init?(_ modelName: String) {
        guard let first = modelName.firstIndex(of: "*"), let last = modelName.lastIndex(of: "*") else { return nil }
        pattern = modelName
        prefix = String(modelName[..<first])
        suffix = String(modelName[modelName.index(after: last)...])
    }

    /// Literal characters: the larger, the more specific.
    public var specificity: Int { pattern.count { $0 != "*" } }

    /// The part of `name` the pattern's `*`s stand for, or nil when it does not match.
    public func capture(_ name: String) -> String? {
        guard name.count >= prefix.count + suffix.count, ModelWildcard.matches(pattern, name) else { return nil }
        return String(name.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// `deployment` (of this pattern) as it serves `name`: under that public name, with the captured part in place
    /// of each `*` of its upstream model.
    public func concrete(_ deployment: Deployment, serving name: String, captured: String) -> Deployment {
        var concrete = deployment
        concrete.modelName = name
        concrete.upstreamModel = deployment.upstreamModel.split(separator: "*", omittingEmptySubsequences: false).joined(separator: captured)
        return concrete
    }
}

extension Deployment {
    /// Whether this deployment's `model_name` is a wildcard pattern (``DeploymentWildcard``): health checks skip it,
    /// since its upstream model is only known per request.
    public var isWildcard: Bool { modelName.contains("*") }
}
