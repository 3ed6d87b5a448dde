import GatewayCore

extension PolicyRegistry {
    /// Re-reads one policy's versions from the store and replaces them.
    func reload(name: String, from store: any PolicyStore) async throws {
        let ticket = ticket()
        replace(name: name, versions: try await store.policyVersions(name: name), ticket: ticket)
    }

    /// Re-reads every attachment.
    func reloadAttachments(from store: any PolicyStore) async throws {
        let ticket = ticket()
        replaceAttachments(try await store.policyAttachments(), ticket: ticket)
    }

    /// Re-reads everything (at startup and on the refresh interval).
    func reloadAll(from store: any PolicyStore) async throws {
        let ticket = ticket()
        let versions = try await store.policyVersions(status: nil)
        let attachments = try await store.policyAttachments()
        replaceAll(versions: versions, attachments: attachments, ticket: ticket)
    }
}
