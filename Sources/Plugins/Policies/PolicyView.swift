import GatewayCore

/// The JSON shapes the policy endpoints answer with (LiteLLM's `PolicyDBResponse` and attachment fields, plus
/// `shadow`).
enum PolicyView {
    static func version(_ version: PolicyVersion) -> JSON {
        var json = content(version.content)
        json["policy_id"] = .string(version.id)
        json["policy_name"] = .string(version.name)
        json["version_number"] = .int(version.number)
        json["version_status"] = .string(version.status.rawValue)
        json["shadow"] = .bool(version.shadow)
        json["created_at"] = time(version.createdAt)
        json["updated_at"] = time(version.updatedAt)
        json["published_at"] = time(version.publishedAt)
        json["production_at"] = time(version.productionAt)
        json["created_by"] = version.createdBy.map(JSON.string) ?? .null
        json["updated_by"] = version.updatedBy.map(JSON.string) ?? .null
        return json
    }

    /// The editable fields, as a request would send them.
    static func content(_ content: PolicyContent) -> JSON {
        [
            "description": content.description.map(JSON.string) ?? .null, "inherit": content.inherit.map(JSON.string) ?? .null,
            "guardrails_add": strings(content.guardrailsAdd), "guardrails_remove": strings(content.guardrailsRemove),
            "condition": content.models.isEmpty ? .null : ["model": strings(content.models)],
        ]
    }

    static func attachment(_ attachment: PolicyAttachment) -> JSON {
        [
            "attachment_id": .string(attachment.id), "policy_name": .string(attachment.policyName),
            "scope": attachment.global ? .string("*") : .null, "teams": strings(attachment.teams), "keys": strings(attachment.keys),
            "models": strings(attachment.models), "tags": strings(attachment.tags), "created_at": time(attachment.createdAt),
            "created_by": attachment.createdBy.map(JSON.string) ?? .null,
        ]
    }

    static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }

    private static func time(_ seconds: Double?) -> JSON {
        seconds.map { .string(ISO8601Time.string($0)) } ?? .null
    }
}
