import GatewayCore

/// The key form's fields as the body of `/key/generate` and `/key/update`: the API's own field names and types,
/// so the API validates them as it does for any client (``FormJSON``). Allowed tools go in
/// `metadata.allowed_tools`, where the tool allowlist reads them.
enum KeyForm {
    static let fields = FormJSON(
        text: ["key_alias", "team_id", "user_id", "budget_duration", "duration", "organization_id", "project_id"],
        numbers: ["max_budget", "soft_budget"], integers: ["tpm_limit", "rpm_limit", "max_parallel_requests"],
        lists: ["models", "guardrails", "allowed_routes", "access_group_ids"])

    /// - Parameter update: the form edits an existing key (blank clears) rather than creating one (blank omits).
    /// - Throws: 400 naming a field that is not a number, or metadata that is not a JSON object.
    static func body(_ form: FormBody, update: Bool) throws -> JSON {
        var body = try fields.body(form, update: update)
        // An expiry cannot be "cleared" by a blank duration: leaving it blank keeps the key's expiry.
        if body["duration"] == .null { body["duration"] = nil }
        var metadata: [String: JSON] = [:]
        if let text = form.text("metadata") {
            guard let parsed = try? JSONParser.parse(text), let object = parsed.objectValue else {
                throw GatewayError.badRequest("metadata must be a JSON object such as {\"env\": \"prod\"}.", param: "metadata")
            }
            metadata = object
        }
        if form["allowed_tools"] != nil {
            let tools = FormJSON.list(form["allowed_tools"])
            metadata["allowed_tools"] = tools.isEmpty ? nil : .array(tools.map { .string($0) })
        }
        if form["metadata"] != nil || form["allowed_tools"] != nil, update || !metadata.isEmpty { body["metadata"] = .object(metadata) }
        return .object(body)
    }
}
