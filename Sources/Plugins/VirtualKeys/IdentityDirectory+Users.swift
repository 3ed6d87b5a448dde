import Foundation
import GatewayCore

extension IdentityDirectory {
    /// Creates the user `userID` (an `internal_user` with no teams) unless it exists, as LiteLLM does for a key or
    /// team member naming a user it does not know. Idempotent under concurrency: one read-change-write in the store.
    func ensureUser(_ userID: String, by principal: Principal) async throws {
        let now = ManagementSupport.now
        let created = try await store.changeEntity(
            .user, id: userID,
            change: { before in
                guard before == nil else { return nil }
                return try JSON(encoding: UserRecord(userID: userID, teams: [], createdAt: now, updatedAt: now))
            },
            audit: { _, after in
                AuditLogEntry(by: principal, .created, objectType: EntityKind.user.rawValue, objectID: userID, before: nil, after: after)
            })
        if created != nil { invalidate(.user, id: userID) }
    }

    /// The user a member entry names (`/team/member_add`, `/organization/member_add`, `members_with_roles`): its
    /// `user_id` as given (the caller creates it when unknown), else the user with its `user_email` (a new one when
    /// none has it).
    /// - Throws: 400 naming `field` when the entry has neither.
    func memberUserID(userID: String?, email: String?, field: String, by principal: Principal) async throws -> String {
        if let userID, !userID.isEmpty { return userID }
        guard let email, !email.isEmpty else {
            throw GatewayError.badRequest("Each member needs a 'user_id' or a 'user_email'.", param: field)
        }
        if let existing = try await self.userID(forEmail: email) { return existing }
        let userID = UUID().uuidString.lowercased()
        let now = ManagementSupport.now
        _ = try await create(
            .user, id: userID, record: UserRecord(userID: userID, userEmail: email, createdAt: now, updatedAt: now), by: principal, label: "User")
        return userID
    }

    /// The id of the user with `email`, if any (a scan: management routes only).
    func userID(forEmail email: String) async throws -> String? {
        try await all(UserRecord.self, .user).first { $0.userEmail == email }?.userID
    }
}
