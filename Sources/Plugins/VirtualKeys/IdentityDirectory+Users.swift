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
}
