public import GatewayCore

/// The tools a caller may use: its key's `metadata.allowed_tools`, else its team's.
///
/// Read from the ``Principal`` the auth hook built out of cached key and team records, so deciding costs no
/// database round trip. The key's list wins whenever it is a non-empty list of strings, even if the team's
/// list is shorter: an admin who gives a key its own list means that list (LiteLLM does the same). No list at
/// either level means no restriction; so does the master key, whose metadata is empty.
public struct EffectiveAllowlist: Sendable, Equatable {
    /// Where the list came from, for the error message (the caller should know which record to ask about).
    public enum Source: String, Sendable {
        case key, team
    }

    public let names: Set<String>
    public let source: Source

    public init(names: Set<String>, source: Source) {
        self.names = names
        self.source = source
    }

    /// The list that applies to `principal`, or nil when nothing restricts its tools.
    public static func of(_ principal: Principal) -> EffectiveAllowlist? {
        if let names = names(in: principal.metadata) { return EffectiveAllowlist(names: names, source: .key) }
        if let names = names(in: principal.teamMetadata) { return EffectiveAllowlist(names: names, source: .team) }
        return nil
    }

    /// The strings of `metadata.allowed_tools` when it is an array holding at least one; any other value (absent,
    /// empty, a bare string) is "not set", as LiteLLM reads it, so the next level applies. Non-string entries are
    /// skipped rather than voiding the list: a typo in one entry must not lift the restriction on the others.
    private static func names(in metadata: JSON) -> Set<String>? {
        guard let list = metadata["allowed_tools"]?.arrayValue else { return nil }
        let names = list.compactMap(\.stringValue)
        return names.isEmpty ? nil : Set(names)
    }

    /// The names in `requested` that this list does not allow, sorted, each once.
    public func disallowed(_ requested: some Sequence<String>) -> [String] {
        Set(requested).subtracting(names).sorted()
    }
}
