import GatewayCore

/// The answer of `/team/info`, shaped as LiteLLM's: `team_id`, `team_info` (the team with its members, models and
/// spend fields; members also as `members_with_roles`), and `keys`, the team's keys as the management API shows
/// them (hash as `token`, `key_alias`, `key_name`; never a plain key), and `team_memberships`, LiteLLM's membership
/// rows (`user_id`, `team_id`, `budget_id`, `spend`, `litellm_budget_table`: the shared budget object the member
/// names, else the member's own `max_budget`, `tpm_limit` and `rpm_limit`, null when none is set).
struct TeamInfo {
    let directory: IdentityDirectory

    /// The most keys listed; a team with more is answered with the oldest ones and `keys_truncated: true`.
    static let maxKeys = 1000

    func response(_ team: TeamRecord, document: JSON) async throws -> JSON {
        var info = document
        try await SpendOverlay(store: directory.store).applyToTeam(team, document: &info)
        info["members_with_roles"] = info["members"] ?? []
        var memberships: [JSON] = []
        for member in info["members"]?.arrayValue ?? [] {
            let table = try await directory.budgetTable(
                member["budget_id"]?.stringValue,
                own: ["max_budget": member["max_budget"], "tpm_limit": member["tpm_limit"], "rpm_limit": member["rpm_limit"]])
            memberships.append([
                "user_id": member["user_id"] ?? .null, "team_id": .string(team.teamID), "budget_id": member["budget_id"] ?? .null,
                "spend": member["spend"] ?? 0, "litellm_budget_table": table,
            ])
        }
        let keys = try await directory.store.listKeys(where: EntityReference(.teamID, team.teamID), limit: Self.maxKeys + 1, offset: 0)
        // Each key's spend is its counter's, as on /key/info (the key's stored document never updates it).
        let overlay = SpendOverlay(store: directory.store)
        var listed: [JSON] = []
        for key in keys.prefix(Self.maxKeys) {
            var object = KeyResponse.json(key)
            try await overlay.apply(SpendScope(.key, key.keyHash), to: &object)
            listed.append(object)
        }
        return [
            "team_id": .string(team.teamID), "team_info": info, "keys": .array(listed),
            "keys_truncated": .bool(keys.count > Self.maxKeys), "team_memberships": .array(memberships),
        ]
    }
}
