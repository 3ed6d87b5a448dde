import GatewayCore

/// Who may write a model: a proxy admin any model; a team admin (a member with role `admin`) their team's own
/// models (`model_info.team_id`), as LiteLLM lets team admins add team models.
struct ModelWriteAccess: Sendable {
    let store: any GatewayStore

    /// Rejects, before any model is looked up, a caller who can write no model at all (neither a proxy admin nor
    /// a user who could be a team admin), so such a caller learns nothing about which model ids exist.
    /// - Throws: 403.
    func requireWriter(_ principal: Principal) throws {
        guard principal.role == .admin || principal.userID != nil else {
            throw GatewayError.forbidden("Only a proxy admin or a team admin may change models.", code: "route_not_allowed")
        }
    }

    /// - Throws: 403 when the caller may not write a model of `teamID`; 400 when that team does not exist.
    func authorize(_ principal: Principal, teamID: String?) async throws {
        if let teamID, try await store.entity(.team, id: teamID) == nil {
            throw GatewayError.badRequest("Unknown team_id '\(teamID)': it does not exist.", param: "model_info.team_id")
        }
        if principal.role == .admin { return }
        if let teamID, let userID = principal.userID, let team = try await store.team(id: teamID),
            team.members.contains(where: { $0.userID == userID && $0.role == .admin })
        {
            return
        }
        throw GatewayError.forbidden(
            teamID.map { "Only a proxy admin or an admin of team '\($0)' may change this model." }
                ?? "Only a proxy admin may change models that belong to no team.",
            code: "route_not_allowed")
    }
}
