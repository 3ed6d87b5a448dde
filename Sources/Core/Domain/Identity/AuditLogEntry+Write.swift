import Foundation

extension AuditLogEntry {
    /// The row for a write `principal` makes now, with a fresh id. `before`/`after` must already have secrets removed.
    public init(by principal: Principal, _ action: Action, objectType: String, objectID: String, before: JSON?, after: JSON?) {
        self.init(
            id: UUID().uuidString.lowercased(), timestamp: Date().timeIntervalSince1970, changedBy: principal.subject, action: action,
            objectType: objectType, objectID: objectID, before: before, after: after)
    }
}
