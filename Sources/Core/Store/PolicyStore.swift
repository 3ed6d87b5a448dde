/// The policy engine's storage: versioned policies and their attachments.
///
/// Every write that depends on what is stored runs in one transaction, so concurrent writers cannot break the
/// invariants: version numbers are computed inside the creating transaction (no two versions of a name share
/// one), a promotion demotes the current production version and promotes the new one together (at most one
/// production version per name), and an attachment is only inserted after a targeted check that its policy has a
/// production version. Writes that change versions return every version of the policy as it stands after the
/// change, so the caller's in-memory registry can be replaced rather than patched.
public protocol PolicyStore: Sendable {
    /// Version 1 of a new policy, with the given status. - Throws: ``PolicyStoreError/nameTaken(_:)``.
    func createPolicy(name: String, content: PolicyContent, status: PolicyStatus, by actor: String?, at now: Double) async throws -> PolicyVersion

    /// A new draft version numbered one past the highest. - Throws: ``PolicyStoreError/unknownPolicy(_:)``.
    func createPolicyVersion(name: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion

    /// Replaces a draft's content (one conditional write). - Throws: ``PolicyStoreError/unknownVersion(_:)``,
    /// ``PolicyStoreError/notDraft(id:status:)``.
    func updatePolicyDraft(id: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion

    /// Moves a version to `status`; promoting to production demotes the current one in the same transaction.
    /// Leaving `published` clears the shadow flag. - Returns: every version of the policy after the change.
    /// - Throws: ``PolicyStoreError/unknownVersion(_:)``, ``PolicyStoreError/invalidTransition(from:to:)``.
    func setPolicyStatus(id: String, to status: PolicyStatus, by actor: String?, at now: Double) async throws -> [PolicyVersion]

    /// Turns shadow mode on (clearing it on the policy's other versions) or off for a published version.
    /// - Returns: every version of the policy after the change.
    /// - Throws: ``PolicyStoreError/unknownVersion(_:)``, ``PolicyStoreError/shadowNeedsPublished(status:)``.
    func setPolicyShadow(id: String, enabled: Bool, by actor: String?, at now: Double) async throws -> [PolicyVersion]

    func policyVersion(id: String) async throws -> PolicyVersion?

    /// The versions of one policy, newest first.
    func policyVersions(name: String) async throws -> [PolicyVersion]

    /// Every version (of every policy) with `status`, or all when nil; by name, newest first within a name.
    func policyVersions(status: PolicyStatus?) async throws -> [PolicyVersion]

    /// Deletes one version. - Returns: the deleted version, nil when there was none.
    func deletePolicyVersion(id: String) async throws -> PolicyVersion?

    /// Deletes every version of a policy and its attachments in one transaction.
    /// - Returns: the deleted versions (empty when the name was unknown) and the number of attachments removed.
    func deletePolicy(name: String) async throws -> (versions: [PolicyVersion], attachments: Int)

    /// Inserts an attachment after checking, in the same transaction, that its policy has a production version.
    /// - Throws: ``PolicyStoreError/noProductionVersion(_:)``.
    func createPolicyAttachment(_ attachment: PolicyAttachment) async throws

    /// Every attachment, oldest first.
    func policyAttachments() async throws -> [PolicyAttachment]

    func policyAttachment(id: String) async throws -> PolicyAttachment?

    /// - Returns: whether an attachment was deleted.
    func deletePolicyAttachment(id: String) async throws -> Bool
}
