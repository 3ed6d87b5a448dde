import GatewayCore

/// One entry of `members_with_roles` or `/team/member_add`'s `member`: `{"user_id": "u1", "role": "admin"}`, or
/// `{"user_email": ...}` alone (as LiteLLM takes it; the routes find or create that user). `budget_id` names a shared
/// budget object (``BudgetRecord``) the member is held to within the team; the routes check that it exists.
struct TeamMemberRequest: Decodable {
    var userID: String?
    var userEmail: String?
    var role: TeamMember.Role?
    var maxBudget: Double?
    var tpmLimit: Int?
    var rpmLimit: Int?
    var budgetID: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", userEmail = "user_email", role, maxBudget = "max_budget_in_team", tpmLimit = "tpm_limit"
        case rpmLimit = "rpm_limit", budgetID = "budget_id"
    }

    /// - Parameters:
    ///   - value: one member object or a list of them, as the body holds it.
    ///   - field: where it sits (`members_with_roles`, `member`).
    /// - Throws: 400 naming the first member field (`members_with_roles[0].tpm_limit`) out of its ``InputRange``.
    static func checkRanges(_ value: JSON?, field: String) throws {
        let names: Set<String> = ["max_budget_in_team", "tpm_limit", "rpm_limit"]
        if let list = value?.arrayValue {
            for (index, member) in list.enumerated() { try ManagementSupport.checkRanges(member, only: names, prefix: "\(field)[\(index)].") }
        } else if let member = value {
            try ManagementSupport.checkRanges(member, only: names, prefix: "\(field).")
        }
    }

    /// The member, once its user is known (``IdentityDirectory/memberUserID(userID:email:field:by:)``).
    func member(_ userID: String, defaultBudget: Double? = nil) -> TeamMember {
        TeamMember(
            userID: userID, role: role ?? .user, maxBudget: maxBudget ?? defaultBudget, tpmLimit: tpmLimit, rpmLimit: rpmLimit, budgetID: budgetID)
    }
}

/// `/team/new`'s members: `{"members_with_roles": [{"user_id": ..., "role": ...}]}`.
struct TeamMembersRequest: Decodable {
    var membersWithRoles: [TeamMemberRequest]?

    enum CodingKeys: String, CodingKey { case membersWithRoles = "members_with_roles" }
}

/// `/team/member_add`: `{"team_id": ..., "member": {...} or [{...}], "max_budget_in_team": 10}`.
struct TeamMemberAddRequest: Decodable {
    var teamID: String
    var members: [TeamMemberRequest]
    var maxBudgetInTeam: Double?

    enum CodingKeys: String, CodingKey {
        case teamID = "team_id", member, maxBudgetInTeam = "max_budget_in_team"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        teamID = try container.decode(String.self, forKey: .teamID)
        maxBudgetInTeam = try container.decodeIfPresent(Double.self, forKey: .maxBudgetInTeam)
        if let list = try? container.decode([TeamMemberRequest].self, forKey: .member) {
            members = list
        } else {
            members = [try container.decode(TeamMemberRequest.self, forKey: .member)]
        }
    }
}

/// `/team/model/add` and `/team/model/delete`: `{"team_id": ..., "models": [...]}`.
struct TeamModelsRequest: Decodable {
    var teamID: String
    var models: [String]

    enum CodingKeys: String, CodingKey { case teamID = "team_id", models }
}

extension TeamRecord {
    /// Fields `/team/new` and `/team/update` take as they are stored.
    static let writableFields: Set<String> = [
        "team_alias", "organization_id", "models", "model_aliases", "max_budget", "soft_budget", "budget_duration", "tpm_limit", "rpm_limit",
        "max_parallel_requests", "blocked", "metadata", "team_member_permissions",
    ]

    /// The key routes `team_member_permissions` may name.
    static let keyRoutes: Set<String> = [
        "/key/generate", "/key/update", "/key/delete", "/key/info", "/key/list", "/key/regenerate", "/key/block", "/key/unblock", "/key/health",
    ]

    /// - Throws: 400 naming `team_member_permissions` when it names anything but a key route.
    func checkMemberPermissions() throws {
        guard let unknown = teamMemberPermissions?.first(where: { !Self.keyRoutes.contains($0) }) else { return }
        throw GatewayError.badRequest(
            "Invalid team_member_permissions: '\(unknown)' is not one of \(Self.keyRoutes.sorted().joined(separator: ", ")).",
            param: "team_member_permissions")
    }

    /// Writable fields that cannot be empty: a null for one of them is dropped (``JSON/droppingNulls(of:)``).
    static let nonOptionalFields: Set<String> = ["models", "model_aliases", "metadata", "blocked"]

    /// Fields only a proxy admin may change: they widen what the team may spend or undo an admin's block.
    static let adminOnlyFields: Set<String> = [
        "organization_id", "max_budget", "soft_budget", "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests", "blocked",
    ]

    /// Whether `userID` is a member with the admin role.
    func isAdmin(_ userID: String?) -> Bool {
        guard let userID else { return false }
        return members.contains { $0.userID == userID && $0.role == .admin }
    }

    /// Whether `userID` is a member.
    func isMember(_ userID: String?) -> Bool {
        guard let userID else { return false }
        return members.contains { $0.userID == userID }
    }
}
