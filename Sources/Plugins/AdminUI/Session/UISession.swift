import GatewayCore

/// A signed-in browser: who logged in, the credential they logged in with (kept in memory only, never sent back,
/// so each page re-runs the auth hooks and a blocked or deleted key loses the UI at once), and the session's CSRF
/// token, which every form carries.
struct UISession: Sendable, Equatable {
    /// The random id in the session cookie.
    var id: String
    /// The token every form of this session posts back (`csrf`).
    var csrfToken: String
    /// The master key or the user's own key.
    var credential: String
    /// Who the credential was at login (the pages use a fresh authentication).
    var principal: Principal
    /// Seconds since 1970 after which the session is gone.
    var expiresAt: Double
}
