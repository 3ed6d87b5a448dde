import GatewayCore

/// A key as the management API shows it and the audit log stores it: LiteLLM's field names, the hash as
/// `token`, never the plain key (only `/key/generate` and `/key/regenerate` add `key`, once).
enum KeyResponse {
    static func json(_ key: VirtualKeyRecord) -> JSON {
        let settings = key.settings
        var fields: [String: JSON] = [
            "token": .string(key.keyHash),
            "key_name": string(settings.keyName),
            "key_alias": string(key.keyAlias),
            "user_id": string(key.userID),
            "team_id": string(key.teamID),
            "organization_id": string(settings.organizationID),
            "project_id": string(settings.projectID),
            "models": .array(key.models.map { .string($0) }),
            "spend": .double(key.spend),
            "max_budget": number(key.maxBudget),
            "soft_budget": number(settings.softBudget),
            "budget_duration": string(settings.budgetDuration),
            "tpm_limit": settings.tpmLimit.map { .int($0) } ?? .null,
            "rpm_limit": settings.rpmLimit.map { .int($0) } ?? .null,
            "max_parallel_requests": settings.maxParallelRequests.map { .int($0) } ?? .null,
            "metadata": key.metadata,
            "aliases": .object(settings.aliases.mapValues { .string($0) }),
            "allowed_routes": .array(settings.allowedRoutes.map { .string($0) }),
            "access_group_ids": .array(settings.accessGroupIDs.map { .string($0) }),
            "guardrails": .array(settings.guardrails.map { .string($0) }),
            "blocked": .bool(key.blocked),
            "expires": key.expiresAt.map { .string(ISO8601Time.string($0)) } ?? .null,
            "created_at": .string(ISO8601Time.string(key.createdAt)),
            "created_by": string(settings.createdBy),
        ]
        fields["updated_at"] = settings.updatedAt.map { .string(ISO8601Time.string($0)) } ?? .null
        return .object(fields)
    }

    /// The response of `/key/generate` and `/key/regenerate`: the key's fields plus the plain `key`, shown once.
    static func withSecret(_ key: VirtualKeyRecord, secret: String) -> JSON {
        guard case .object(var fields) = json(key) else { return json(key) }
        fields["key"] = .string(secret)
        // LiteLLM's generate response names the hash `token_id` as well as `token`.
        fields["token_id"] = .string(key.keyHash)
        return .object(fields)
    }

    private static func string(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }
    private static func number(_ value: Double?) -> JSON { value.map { .double($0) } ?? .null }
}
