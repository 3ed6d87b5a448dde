/// What a page handler produces: a page in the layout, or a redirect after a successful form (POST, then 303, then
/// GET, so a reload never posts twice).
enum UIResult: Sendable {
    /// A page: its title, the navigation section it belongs to and its HTML (rendered, escaped).
    case page(title: String, section: UISection, html: String)
    /// 303 to a path under `/ui` with a notice code (``Notice``).
    case redirect(String)
}

/// The sections of the navigation.
enum UISection: String, Sendable, CaseIterable {
    case overview, keys, teams, users, organizations, customers, models, logs, policies, audit

    var title: String {
        switch self {
        case .overview: "Overview"
        case .keys: "Keys"
        case .teams: "Teams"
        case .users: "Users"
        case .organizations: "Organizations"
        case .customers: "Customers"
        case .models: "Models"
        case .logs: "Logs"
        case .policies: "Guardrails & policies"
        case .audit: "Audit log"
        }
    }

    var path: String { self == .overview ? "/ui" : "/ui/\(rawValue)" }

    /// Whether a role sees the section: what the management API lets it read.
    func isVisible(to role: UIRole) -> Bool {
        switch self {
        case .overview, .keys, .teams, .logs: true
        case .users, .organizations, .customers, .models, .policies, .audit: role.readsEverything
        }
    }
}
