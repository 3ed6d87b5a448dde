import GatewayCore

/// A claim named by a dotted path into the token's payload (`sub`, `resource_access.my-client.roles`), as LiteLLM's
/// `*_jwt_field` settings name them. A claim whose own name contains dots (`https://example.com/groups`) is found
/// too: the whole name is tried before the path is split.
struct ClaimPath: Sendable, Hashable, CustomStringConvertible {
    let raw: String

    init(_ raw: String) { self.raw = raw }

    var description: String { raw }

    /// The value at the path, or nil when any step is missing or not an object.
    func value(in claims: JSON) -> JSON? {
        if let whole = claims[raw], whole != .null { return whole }
        var current = claims
        for step in raw.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = current.objectValue?[String(step)], next != .null else { return nil }
            current = next
        }
        return current
    }

    /// The value as a string (a number is written out: some IdPs issue numeric ids).
    func string(in claims: JSON) -> String? {
        switch value(in: claims) {
        case .string(let string): string.isEmpty ? nil : string
        case .int(let int): String(int)
        default: nil
        }
    }

    /// The value as a list of strings: a list, or one string as a list of one.
    func strings(in claims: JSON) -> [String]? {
        switch value(in: claims) {
        case .array(let items): items.compactMap(\.stringValue)
        case .string(let string): [string]
        default: nil
        }
    }
}
