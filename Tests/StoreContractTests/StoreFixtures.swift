import GatewayCore

/// Values the contract stores; every optional set, and JSON that exercises escaping and number kinds.
enum StoreFixtures {
    static let metadata: JSON = [
        "team_name": "platform \"core\"",
        "unicode": "naïve ☃ 𝄞",
        "newline": "a\nb\\c",
        "count": 3,
        "negative": -42,
        "ratio": 0.1,
        "tiny": 1.5e-7,
        "enabled": true,
        "missing": nil,
        "tags": ["prod", 1, false, ["nested": []]],
        "empty": [:],
    ]

    static func fullKey(hash: String) -> VirtualKeyRecord {
        VirtualKeyRecord(
            keyHash: hash, keyAlias: "alias-\(hash)", userID: "user-1", teamID: "team-1", models: ["gpt-4o", "claude-*", "o1-mini"],
            spend: 3.14159, maxBudget: 100.5, blocked: false, expiresAt: 1_900_000_000.5, createdAt: 1_700_000_000.123456,
            metadata: metadata, settings: settings)
    }

    static func fullEntry(requestID: String) -> SpendLogEntry {
        SpendLogEntry(
            requestID: requestID, callType: "chat_completions", startTime: 1_700_000_000.5, endTime: 1_700_000_001.75, keyHash: "key-a",
            userID: "user-1", teamID: "team-1", endUser: "customer-7", organizationID: "org-1", projectID: "project-1",
            tags: ["prod", "naïve \"☃\"", "prod", ""], model: "gpt-4o", deploymentID: "dep-1", provider: "openai",
            promptTokens: 1234, completionTokens: 5_000_000_000, spend: 0.000123, status: "failure", errorCode: "rate_limit_exceeded",
            metadata: metadata, responseID: "chatcmpl-" + requestID)
    }

    static func entry(
        _ requestID: String, start: Double, keyHash: String? = "key-a", userID: String? = nil, teamID: String? = nil, spend: Double = 0.5
    ) -> SpendLogEntry {
        SpendLogEntry(
            requestID: requestID, callType: "chat_completions", startTime: start, endTime: start + 1, keyHash: keyHash, userID: userID,
            teamID: teamID, model: "gpt-4o", promptTokens: 10, completionTokens: 20, spend: spend, status: "success")
    }
}
