import GatewayCore

/// Guardrail policies: every version with its status and shadow flag, the attachments, and what shadow versions
/// would have done on recent requests (the `shadow_guardrails` note the guardrails plugin leaves in the spend log).
struct PoliciesView {
    struct Version: Equatable {
        var id: String
        var name: String
        var number: Int
        var status: String
        var shadow: Bool
        var guardrails: String
        var models: String
        var isDraft: Bool
        var isPublished: Bool
    }

    struct Attachment: Equatable {
        var policy: String
        var scope: String
    }

    struct ShadowHit: Equatable {
        var requestID: String
        var time: String
        var detail: String
    }

    var enabled: Bool
    var versions: [Version]
    var attachments: [Attachment]
    var shadowHits: [ShadowHit]
    var hasShadowHits: Bool
    var canAdminister: Bool
    var csrf: String

    static func make(versions: [JSON], attachments: [JSON], recentRows: [JSON], enabled: Bool, role: UIRole, csrf: String) -> PoliciesView {
        func names(_ value: JSON?) -> [String] { (value?.arrayValue ?? []).compactMap(\.stringValue) }
        let versionRows = versions.map { version in
            let status = version["version_status"]?.stringValue ?? ""
            let added = names(version["guardrails_add"]).map { "+" + $0 }, removed = names(version["guardrails_remove"]).map { "−" + $0 }
            return Version(
                id: version["policy_id"]?.stringValue ?? "", name: version["policy_name"]?.stringValue ?? "",
                number: version["version_number"]?.intValue ?? 0, status: status, shadow: version["shadow"]?.boolValue ?? false,
                guardrails: (added + removed).joined(separator: " "), models: names(version["condition"]?["model"]).joined(separator: ", "),
                isDraft: status == "draft", isPublished: status == "published")
        }
        let attachmentRows = attachments.map { attachment in
            var scope: [String] = []
            if attachment["scope"]?.stringValue == "*" { scope.append("every request") }
            for field in ["teams", "keys", "models", "tags"] where !names(attachment[field]).isEmpty {
                scope.append("\(field): " + names(attachment[field]).joined(separator: ", "))
            }
            return Attachment(policy: attachment["policy_name"]?.stringValue ?? "", scope: scope.joined(separator: "; "))
        }
        let hits = recentRows.compactMap { row -> ShadowHit? in
            guard let shadow = row["metadata"]?["shadow_guardrails"], !shadow.isNull else { return nil }
            return ShadowHit(
                requestID: row["call_id"]?.stringValue ?? "", time: Formats.time(row["startTime"]?.stringValue),
                detail: AuditView.show(shadow))
        }
        return PoliciesView(
            enabled: enabled, versions: versionRows, attachments: attachmentRows, shadowHits: hits, hasShadowHits: !hits.isEmpty,
            canAdminister: role.administers, csrf: csrf)
    }
}
