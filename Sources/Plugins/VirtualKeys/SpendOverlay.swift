import GatewayCore

/// Puts the store's spend counters on what the info routes return: `spend` is what the spend log has counted
/// for the object (since its last `budget_duration` reset), and `budget_reset_at` when the next reset is due.
/// The `spend` stored in an object's own document is never updated; the counters are the truth.
struct SpendOverlay {
    let store: any GatewayStore

    /// Sets `spend` and `budget_reset_at` of `document` from the scope's counter (0 and null when none).
    func apply(_ scope: SpendScope, to document: inout JSON) async throws {
        let counter = try await store.spendCounter(scope)
        document["spend"] = .double(counter?.spend ?? 0)
        document["budget_reset_at"] = counter?.budgetResetAt.map { .string(ISO8601Time.string($0)) } ?? .null
    }

    /// A team's document with its own spend and each member's spend within it (`members`).
    func applyToTeam(_ team: TeamRecord, document: inout JSON) async throws {
        try await apply(SpendScope(.team, team.teamID), to: &document)
        var members: [JSON] = []
        for var member in document["members"]?.arrayValue ?? [] {
            if let userID = member["user_id"]?.stringValue {
                let scope = SpendScope(.teamMember, SpendScope.memberID(teamID: team.teamID, userID: userID))
                member["spend"] = .double(try await store.spendCounter(scope)?.spend ?? 0)
            }
            members.append(member)
        }
        document["members"] = .array(members)
    }
}
