import GatewayCore

/// The edit form of one key, filled with its current values (never its secret: the API has only the hash).
struct KeyEditView: Equatable {
    var token: String
    var name: String
    var keyAlias: String
    var teamID: String
    var userID: String
    var models: String
    var maxBudget: String
    var softBudget: String
    var budgetDuration: String
    var tpmLimit: String
    var rpmLimit: String
    var maxParallelRequests: String
    var guardrails: String
    var allowedTools: String
    var metadata: String
    var csrf: String
    var picksUser: Bool

    init(_ key: JSON, csrf: String, picksUser: Bool) {
        func text(_ name: String) -> String {
            switch key[name] {
            case .string(let value)?: value
            case .int(let value)?: String(value)
            case .double(let value)?: String(value)
            default: ""
            }
        }
        func list(_ value: JSON?) -> String { (value?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ") }
        token = text("token")
        name = key["key_alias"]?.stringValue ?? text("key_name")
        keyAlias = text("key_alias")
        teamID = text("team_id")
        userID = text("user_id")
        models = list(key["models"])
        maxBudget = text("max_budget")
        softBudget = text("soft_budget")
        budgetDuration = text("budget_duration")
        tpmLimit = text("tpm_limit")
        rpmLimit = text("rpm_limit")
        maxParallelRequests = text("max_parallel_requests")
        guardrails = list(key["guardrails"])
        var metadata = key["metadata"]?.objectValue ?? [:]
        allowedTools = list(metadata["allowed_tools"])
        metadata["allowed_tools"] = nil
        self.metadata = metadata.isEmpty ? "" : JSON.object(metadata).serializedString()
        self.csrf = csrf
        self.picksUser = picksUser
    }
}
