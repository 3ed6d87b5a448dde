import GatewayCore

/// ``InMemoryStore`` keeps no policies: reads find none and writes are refused. `GatewayStore` includes
/// `PolicyStore`, so the in-memory store must answer it; tests of policies run on the real stores
/// (`Tests/StoreContractTests`).
extension InMemoryStore {
    private static var refused: StoreError { .unsupported("the in-memory test store keeps no policies") }

    func createPolicy(name: String, content: PolicyContent, status: PolicyStatus, by actor: String?, at now: Double) async throws -> PolicyVersion {
        throw Self.refused
    }
    func createPolicyVersion(name: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion {
        throw Self.refused
    }
    func updatePolicyDraft(id: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion {
        throw Self.refused
    }
    func setPolicyStatus(id: String, to status: PolicyStatus, by actor: String?, at now: Double) async throws -> [PolicyVersion] {
        throw Self.refused
    }
    func setPolicyShadow(id: String, enabled: Bool, by actor: String?, at now: Double) async throws -> [PolicyVersion] { throw Self.refused }
    func policyVersion(id: String) async throws -> PolicyVersion? { nil }
    func policyVersions(name: String) async throws -> [PolicyVersion] { [] }
    func policyVersions(status: PolicyStatus?) async throws -> [PolicyVersion] { [] }
    func deletePolicyVersion(id: String) async throws -> PolicyVersion? { nil }
    func deletePolicy(name: String) async throws -> (versions: [PolicyVersion], attachments: Int) { ([], 0) }
    func createPolicyAttachment(_ attachment: PolicyAttachment) async throws { throw Self.refused }
    func policyAttachments() async throws -> [PolicyAttachment] { [] }
    func policyAttachment(id: String) async throws -> PolicyAttachment? { nil }
    func deletePolicyAttachment(id: String) async throws -> Bool { false }
}
