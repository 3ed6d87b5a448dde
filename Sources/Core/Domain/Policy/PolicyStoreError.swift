/// Why a policy store write was refused. The policy plugin maps each case to an HTTP status.
public enum PolicyStoreError: Error, Sendable, Equatable {
    /// A policy with this name already exists (creating a policy).
    case nameTaken(String)
    /// No policy with this name (creating a version, attaching).
    case unknownPolicy(String)
    /// No version with this id.
    case unknownVersion(String)
    /// Only drafts are editable.
    case notDraft(id: String, status: PolicyStatus)
    /// The transition is not one ``PolicyStatus/canChange(to:)`` allows.
    case invalidTransition(from: PolicyStatus, to: PolicyStatus)
    /// Only a published version can run in shadow mode.
    case shadowNeedsPublished(status: PolicyStatus)
    /// Attachments need a production version of the policy.
    case noProductionVersion(String)
}
