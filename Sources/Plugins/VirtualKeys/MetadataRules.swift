import GatewayCore

/// Metadata fields other plugins read from keys and teams, checked when they are written: a mistyped list must
/// be a 400 now, not a silently lifted restriction later (a bare string `"allowed_tools": "x"` would otherwise
/// read as "no list", which allows every tool).
enum MetadataRules {
    /// Fields that must be lists of strings when present.
    static let stringLists = ["allowed_tools", "guardrails", "disable_guardrails", "tags"]

    /// - Throws: 400 naming `metadata.<field>`.
    static func check(_ metadata: JSON?) throws {
        guard let metadata, case .object(let fields) = metadata else { return }
        for name in stringLists {
            guard let value = fields[name], !value.isNull else { continue }
            guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw GatewayError.badRequest("'metadata.\(name)' must be a list of strings.", param: "metadata.\(name)")
            }
        }
    }
}
