/// The messages a page shows after a redirect, named by a fixed code in the query (`?done=key_blocked`), so a link
/// cannot make the UI show a text of its choosing.
enum Notice {
    static let texts: [String: String] = [
        "key_updated": "Key updated.", "key_blocked": "Key blocked.", "key_unblocked": "Key unblocked.", "key_deleted": "Key deleted.",
        "team_created": "Team created.", "team_updated": "Team updated.", "team_deleted": "Team deleted.", "member_added": "Member added.",
        "member_removed": "Member removed.", "user_created": "User created.", "user_deleted": "User deleted.",
        "organization_created": "Organization created.", "organization_deleted": "Organization deleted.", "customer_created": "Customer created.",
        "customer_deleted": "Customer deleted.", "customer_blocked": "Customer blocked.", "customer_unblocked": "Customer unblocked.",
        "model_created": "Model added.", "model_updated": "Model updated.", "model_deleted": "Model deleted.", "policy_updated": "Policy updated.",
        "team_blocked": "Team blocked.", "team_unblocked": "Team unblocked.", "logged_out": "You are logged out.",
        "expired": "Your session expired; log in again.", "revoked": "Your key no longer logs in; log in again.",
    ]

    /// The text of a code, nil for an unknown one.
    static func text(_ code: String?) -> String? { code.flatMap { texts[$0] } }
}
