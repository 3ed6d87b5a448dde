/// The gateway's names for what upstream servers offer: `<server>-<name>` (LiteLLM's convention: the server name,
/// a hyphen, the server's own name). Server names hold no hyphen (``MCPServerDefinition/checkName(_:)``), so the
/// first hyphen splits a namespaced name unambiguously.
enum MCPNames {
    static let separator: Character = "-"

    static func namespaced(server: String, name: String) -> String {
        "\(server)\(separator)\(name)"
    }

    /// The server and its own name; nil for a name without a server prefix.
    static func split(_ namespaced: String) -> (server: String, name: String)? {
        guard let index = namespaced.firstIndex(of: separator) else { return nil }
        let server = String(namespaced[..<index])
        let name = String(namespaced[namespaced.index(after: index)...])
        guard !server.isEmpty, !name.isEmpty else { return nil }
        return (server, name)
    }
}
