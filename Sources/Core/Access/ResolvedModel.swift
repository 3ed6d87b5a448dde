/// A requested model name after alias resolution (``ModelAccessPolicy/resolveAlias(_:keyAliases:teamAliases:)``).
public struct ResolvedModel: Sendable, Hashable {
    /// Which alias map renamed the model.
    public enum Source: Sendable, Hashable {
        /// No alias applied: `resolved == requested`.
        case none
        /// The key's `aliases`.
        case keyAlias
        /// The team's `model_aliases`.
        case teamAlias
    }

    /// The name the client sent.
    public var requested: String
    /// The public model name the request is routed to.
    public var resolved: String
    /// Which alias map applied, if any.
    public var source: Source

    /// Creates a resolution.
    /// - Parameters:
    ///   - requested: the name the client sent.
    ///   - resolved: the name it resolves to.
    ///   - source: which alias map applied.
    public init(requested: String, resolved: String, source: Source) {
        self.requested = requested
        self.resolved = resolved
        self.source = source
    }

    /// Whether an alias renamed the model.
    public var isAlias: Bool { source != .none }
}
