/// Where a policy version stands in its lifecycle: `draft` → `published` → `production`.
///
/// Only drafts are editable. A draft is published before it can go to production (draft → production is refused);
/// promoting a published version demotes the policy's current production version to published, in the same
/// transaction, so a policy has at most one production version. A production version may be demoted to published,
/// which leaves the policy inactive. Nothing goes back to draft.
public enum PolicyStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case draft
    case published
    case production

    /// Whether a version in `self` may change to `target`.
    public func canChange(to target: PolicyStatus) -> Bool {
        switch (self, target) {
        case (.draft, .published), (.published, .production), (.production, .published): true
        default: false
        }
    }
}
