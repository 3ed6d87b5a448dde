import GatewayCore

/// Identity values the contract stores: key settings with every field set, one record of each kind, audit rows.
extension StoreFixtures {
    static let settings = KeySettings(
        keyName: "sk-...abcd", organizationID: "org-1", projectID: "proj-1", softBudget: 50.25, budgetDuration: "30d", tpmLimit: 100_000,
        rpmLimit: 600, maxParallelRequests: 8, aliases: ["gpt-4": "gpt-4o", "fast \"one\"": "claude-3-haiku"],
        allowedRoutes: ["/chat/completions", "llm_api_routes"], accessGroupIDs: ["beta", "internal"], guardrails: ["pii-mask"],
        createdBy: "user-1", updatedAt: 1_700_000_100.5)

    /// An audit row; `before`/`after` default to a small document so they round-trip as JSON.
    static func audit(
        _ id: String, at timestamp: Double = 1_700_000_000.25, action: AuditLogEntry.Action = .created, objectType: String = "team",
        objectID: String = "team-1", before: JSON? = nil, after: JSON? = ["name": "after"]
    ) -> AuditLogEntry {
        AuditLogEntry(
            id: id, timestamp: timestamp, changedBy: "master_key", action: action, objectType: objectType, objectID: objectID, before: before,
            after: after)
    }

    /// A plain document of any kind holding the three reference fields (a nil one is stored as JSON null).
    static func document(id: String, team: String? = nil, user: String? = nil, organization: String? = nil, name: String = "x") -> JSON {
        [
            "id": .string(id), "name": .string(name), "team_id": team.map(JSON.string) ?? .null,
            "user_id": user.map(JSON.string) ?? .null, "organization_id": organization.map(JSON.string) ?? .null, "metadata": metadata,
        ]
    }

    static func team(_ id: String, organizationID: String? = "org-1") -> TeamRecord {
        TeamRecord(
            teamID: id, teamAlias: "Team \(id)", organizationID: organizationID, models: ["gpt-4o", "openai/*", "beta-group"],
            modelAliases: ["gpt-4": "gpt-4o", "fast": "claude-3-haiku"],
            members: [
                TeamMember(userID: "user-1", role: .admin), TeamMember(userID: "user-2", role: .user, maxBudget: 12.5, spend: 3.25),
            ],
            maxBudget: 1000.5, softBudget: 800.25, budgetDuration: "30d", spend: 10.125, tpmLimit: 50_000, rpmLimit: 500,
            maxParallelRequests: 16, blocked: true, metadata: metadata, createdAt: 1_700_000_000.5, updatedAt: 1_700_000_050.75)
    }

    static func user(_ id: String, role: UserRecord.Role) -> UserRecord {
        UserRecord(
            userID: id, userEmail: "\(id)@example.com", userRole: role, teams: ["team-1", "team-2"], organizationID: "org-1",
            models: ["gpt-4o"], maxBudget: 25.5, softBudget: 20.25, budgetDuration: "1d", spend: 1.5, tpmLimit: 1000, rpmLimit: 10,
            maxParallelRequests: 2, metadata: ["department": "research"], createdAt: 1_700_000_000.5, updatedAt: 1_700_000_001.5)
    }

    static let organization = OrganizationRecord(
        organizationID: "org-1", organizationAlias: "Acme", models: ["*"], maxBudget: 10_000.5, spend: 99.75, tpmLimit: 1_000_000,
        rpmLimit: 10_000, blocked: false, metadata: metadata, createdAt: 1_700_000_000.5, updatedAt: 1_700_000_002.5)

    static let project = ProjectRecord(
        projectID: "proj-1", projectAlias: "Search", teamID: "team-1", organizationID: "org-1", models: ["bedrock/us.*"],
        maxBudget: 75.5, spend: 0.125, blocked: true, metadata: ["owner": "user-2"], createdAt: 1_700_000_000.5, updatedAt: 1_700_000_003.5)

    static let endUser = EndUserRecord(
        userID: "customer-7", alias: "Customer Seven", blocked: true, maxBudget: 5.5, spend: 0.75, metadata: ["plan": "free"],
        createdAt: 1_700_000_000.5, updatedAt: 1_700_000_004.5)

    static let accessGroup = AccessGroupRecord(
        groupID: "beta-group", members: ["gpt-4o", "claude-*", "nested-group"], description: "Beta models", createdAt: 1_700_000_000.5,
        updatedAt: 1_700_000_005.5)
}
