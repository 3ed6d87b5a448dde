import GatewayCore
import SQLiteStore

/// The policy store of ``KeyCountingStore``: the SQLite store's, uncounted.
extension KeyCountingStore {
    func createPolicy(name: String, content: PolicyContent, status: PolicyStatus, by actor: String?, at now: Double) async throws -> PolicyVersion {
        try await base.createPolicy(name: name, content: content, status: status, by: actor, at: now)
    }
    func createPolicyVersion(name: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion {
        try await base.createPolicyVersion(name: name, content: content, by: actor, at: now)
    }
    func updatePolicyDraft(id: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion {
        try await base.updatePolicyDraft(id: id, content: content, by: actor, at: now)
    }
    func setPolicyStatus(id: String, to status: PolicyStatus, by actor: String?, at now: Double) async throws -> [PolicyVersion] {
        try await base.setPolicyStatus(id: id, to: status, by: actor, at: now)
    }
    func setPolicyShadow(id: String, enabled: Bool, by actor: String?, at now: Double) async throws -> [PolicyVersion] {
        try await base.setPolicyShadow(id: id, enabled: enabled, by: actor, at: now)
    }
    func policyVersion(id: String) async throws -> PolicyVersion? { try await base.policyVersion(id: id) }
    func policyVersions(name: String) async throws -> [PolicyVersion] { try await base.policyVersions(name: name) }
    func policyVersions(status: PolicyStatus?) async throws -> [PolicyVersion] { try await base.policyVersions(status: status) }
    func deletePolicyVersion(id: String) async throws -> PolicyVersion? { try await base.deletePolicyVersion(id: id) }
    func deletePolicy(name: String) async throws -> (versions: [PolicyVersion], attachments: Int) { try await base.deletePolicy(name: name) }
    func createPolicyAttachment(_ attachment: PolicyAttachment) async throws { try await base.createPolicyAttachment(attachment) }
    func policyAttachments() async throws -> [PolicyAttachment] { try await base.policyAttachments() }
    func policyAttachment(id: String) async throws -> PolicyAttachment? { try await base.policyAttachment(id: id) }
    func deletePolicyAttachment(id: String) async throws -> Bool { try await base.deletePolicyAttachment(id: id) }
}
