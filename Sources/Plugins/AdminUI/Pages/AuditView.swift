import Foundation
import GatewayCore

/// The audit log: who changed what, when, and each changed field before and after.
struct AuditView {
    struct Row: Equatable {
        var time: String
        var who: String
        var action: String
        var objectType: String
        var objectID: String
        var changes: [Change]
    }

    struct Change: Equatable {
        var field: String
        var before: String
        var after: String
    }

    var rows: [Row]
    var empty: Bool
    var objectType: String
    var objectID: String

    static func make(entries: [JSON], objectType: String, objectID: String) -> AuditView {
        let rows = entries.map { entry in
            Row(
                time: entry["timestamp"]?.doubleValue.map { Formats.time(ISO8601Time.string($0)) } ?? "—",
                who: entry["changed_by"]?.stringValue ?? "", action: entry["action"]?.stringValue ?? "",
                objectType: entry["object_type"]?.stringValue ?? "", objectID: entry["object_id"]?.stringValue ?? "",
                changes: changes(before: entry["before"], after: entry["after"]))
        }
        return AuditView(rows: rows, empty: rows.isEmpty, objectType: objectType, objectID: objectID)
    }

    /// The top-level fields whose values differ (every field of a created or deleted object), sorted by name.
    static func changes(before: JSON?, after: JSON?) -> [Change] {
        let old = before?.objectValue ?? [:], new = after?.objectValue ?? [:]
        return Set(old.keys).union(new.keys).sorted().compactMap { field in
            let was = old[field], now = new[field]
            guard was != now else { return nil }
            return Change(field: field, before: show(was), after: show(now))
        }
    }

    static func show(_ value: JSON?) -> String {
        guard let value, !value.isNull else { return "—" }
        let text = value.stringValue ?? value.serializedString()
        return text.count > 120 ? String(text.prefix(119)) + "…" : text
    }
}
