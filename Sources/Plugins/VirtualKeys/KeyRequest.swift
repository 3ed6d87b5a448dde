import Foundation
import GatewayCore

/// The body of `/key/generate` and `/key/update`: LiteLLM's key fields, each optional. ``apply(to:body:now:)``
/// changes only the fields the body names; an explicit `null` clears an optional field.
///
/// The expiry is either `duration` (from now: `30d`) or `expires` (an ISO-8601 date-time), never both. The
/// caller-chosen `key` of `/key/generate` is read by ``KeyRoutes`` (on the other routes `key` names the key).
struct KeyRequest: Decodable, Sendable {
    var models: [String]?
    var teamID: String?
    var userID: String?
    var keyAlias: String?
    var duration: String?
    var expires: String?
    var maxBudget: Double?
    var softBudget: Double?
    var budgetDuration: String?
    var tpmLimit: Int?
    var rpmLimit: Int?
    var maxParallelRequests: Int?
    var metadata: [String: JSON]?
    var aliases: [String: String]?
    var allowedRoutes: [String]?
    var accessGroupIDs: [String]?
    var guardrails: [String]?
    var blocked: Bool?
    var organizationID: String?
    var projectID: String?

    enum CodingKeys: String, CodingKey {
        case models, teamID = "team_id", userID = "user_id", keyAlias = "key_alias", duration, expires, maxBudget = "max_budget"
        case softBudget = "soft_budget", budgetDuration = "budget_duration", tpmLimit = "tpm_limit", rpmLimit = "rpm_limit"
        case maxParallelRequests = "max_parallel_requests", metadata, aliases, allowedRoutes = "allowed_routes"
        case accessGroupIDs = "access_group_ids", guardrails, blocked, organizationID = "organization_id", projectID = "project_id"
    }

    /// Reads the body. - Throws: 400 naming a field of the wrong type or a value out of its ``InputRange`` (money,
    /// limits, durations of at most 100 years, `expires` in the next 100 years).
    static func decode(_ body: JSON) throws -> KeyRequest {
        try ManagementSupport.checkRanges(body)
        let request = try ManagementSupport.decode(KeyRequest.self, from: body)
        if request.duration != nil, request.expires != nil {
            throw GatewayError.badRequest("Give either 'duration' or 'expires', not both.", param: "expires")
        }
        if let expires = request.expires {
            guard let date = ISO8601Time.seconds(parsing: expires) else {
                throw GatewayError.badRequest(
                    "Invalid expires '\(expires.prefix(40))': use an ISO-8601 date-time such as 2030-01-31T12:00:00Z.", param: "expires")
            }
            do {
                try InputRange.expiry(date, now: ManagementSupport.now, field: "expires")
            } catch {
                throw error.badRequest
            }
        }
        try MetadataRules.check(request.metadata.map(JSON.object))
        return request
    }

    /// Sets the fields the body names on `key`; `null` clears an optional field. Fields absent from the body are
    /// left as they are.
    func apply(to key: inout VirtualKeyRecord, body: JSON, now: Double) {
        func isNull(_ name: CodingKeys) -> Bool { body[name.rawValue] == .null }
        if let models { key.models = models }
        if let teamID { key.teamID = teamID } else if isNull(.teamID) { key.teamID = nil }
        if let userID { key.userID = userID } else if isNull(.userID) { key.userID = nil }
        if let keyAlias { key.keyAlias = keyAlias } else if isNull(.keyAlias) { key.keyAlias = nil }
        if let duration, let length = BudgetDuration(duration) {
            key.expiresAt = now + length.approximateSeconds
        } else if let expires, let seconds = ISO8601Time.seconds(parsing: expires) {
            key.expiresAt = seconds
        } else if isNull(.duration) || isNull(.expires) {
            key.expiresAt = nil
        }
        if let maxBudget { key.maxBudget = maxBudget } else if isNull(.maxBudget) { key.maxBudget = nil }
        if let metadata { key.metadata = .object(metadata) }
        if let blocked { key.blocked = blocked }

        var settings = key.settings
        if let softBudget { settings.softBudget = softBudget } else if isNull(.softBudget) { settings.softBudget = nil }
        if let budgetDuration { settings.budgetDuration = budgetDuration } else if isNull(.budgetDuration) { settings.budgetDuration = nil }
        if let tpmLimit { settings.tpmLimit = tpmLimit } else if isNull(.tpmLimit) { settings.tpmLimit = nil }
        if let rpmLimit { settings.rpmLimit = rpmLimit } else if isNull(.rpmLimit) { settings.rpmLimit = nil }
        if let maxParallelRequests {
            settings.maxParallelRequests = maxParallelRequests
        } else if isNull(.maxParallelRequests) {
            settings.maxParallelRequests = nil
        }
        if let aliases { settings.aliases = aliases }
        if let allowedRoutes { settings.allowedRoutes = allowedRoutes }
        if let accessGroupIDs { settings.accessGroupIDs = accessGroupIDs }
        if let guardrails { settings.guardrails = guardrails }
        if let organizationID { settings.organizationID = organizationID } else if isNull(.organizationID) { settings.organizationID = nil }
        if let projectID { settings.projectID = projectID } else if isNull(.projectID) { settings.projectID = nil }
        settings.updatedAt = now
        key.settings = settings
    }
}
