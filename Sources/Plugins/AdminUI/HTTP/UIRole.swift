import GatewayCore

/// What a signed-in caller may do in the UI, from their role: the same split as the management API's access rules.
enum UIRole: String, Sendable, Equatable {
    /// The master key or a proxy admin: everything.
    case admin
    /// A proxy admin viewer: reads everything, writes nothing.
    case viewer
    /// An internal user: their own keys, teams and spend; may create and manage their own keys.
    case user
    /// An internal user viewer: reads their own things.
    case userViewer

    init(_ principal: Principal) {
        switch principal.role {
        case .admin: self = .admin
        case .adminViewer: self = .viewer
        case .user: self = .user
        case .userViewer: self = .userViewer
        }
    }

    /// Reads every team, user, model and log.
    var readsEverything: Bool { self == .admin || self == .viewer }
    /// Writes anything beyond their own keys.
    var administers: Bool { self == .admin }
    /// Creates and changes keys (admins any, internal users their own).
    var managesKeys: Bool { self == .admin || self == .user }

    /// The label shown beside the caller's name.
    var label: String {
        switch self {
        case .admin: "proxy_admin"
        case .viewer: "proxy_admin_viewer"
        case .user: "internal_user"
        case .userViewer: "internal_user_viewer"
        }
    }
}
