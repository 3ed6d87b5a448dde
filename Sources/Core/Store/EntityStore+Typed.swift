extension EntityStore {
    /// Decodes a stored document. - Throws: ``CorruptValueError`` when it no longer matches the record type.
    func record<Record: Decodable>(_ type: Record.Type, _ kind: EntityKind, id: String) async throws -> Record? {
        guard let document = try await entity(kind, id: id) else { return nil }
        do {
            return try document.decode(Record.self)
        } catch {
            throw CorruptValueError(column: "\(kind.rawValue) \(id)", reason: "not a valid \(kind.rawValue) document (\(error))")
        }
    }

    public func team(id: String) async throws -> TeamRecord? { try await record(TeamRecord.self, .team, id: id) }
    public func user(id: String) async throws -> UserRecord? { try await record(UserRecord.self, .user, id: id) }
    public func organization(id: String) async throws -> OrganizationRecord? { try await record(OrganizationRecord.self, .organization, id: id) }
    public func project(id: String) async throws -> ProjectRecord? { try await record(ProjectRecord.self, .project, id: id) }
    public func endUser(id: String) async throws -> EndUserRecord? { try await record(EndUserRecord.self, .endUser, id: id) }
    public func accessGroup(id: String) async throws -> AccessGroupRecord? { try await record(AccessGroupRecord.self, .accessGroup, id: id) }
}
