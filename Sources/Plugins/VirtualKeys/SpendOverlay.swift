import Foundation
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
        document["budget_reset_at"] = counter?.budgetResetAt.map { .string(KeyResponse.iso8601($0)) } ?? .null
    }

    /// A team's document with its own spend and each member's spend within it (`members`, `members_with_roles`).
    func applyToTeam(_ team: TeamRecord, document: inout JSON) async throws {
        try await apply(SpendScope(.team, team.teamID), to: &document)
        var members: [JSON] = []
        for (index, member) in team.members.enumerated() {
            var entry = try document["members"]?.arrayValue?[safe: index] ?? JSON(encoding: member)
            let counter = try await store.spendCounter(SpendScope(.teamMember, SpendScope.memberID(teamID: team.teamID, userID: member.userID)))
            entry["spend"] = .double(counter?.spend ?? 0)
            members.append(entry)
        }
        document["members"] = .array(members)
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
