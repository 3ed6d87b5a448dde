/// What spend is counted against: one key, user, team, team member, organization, project, end user, tag, or the
/// whole gateway. Stores keep one counter per scope.
public struct SpendScope: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case key, user, team
        /// A user's spend within one team; the id is ``SpendScope/memberID(teamID:userID:)``.
        case teamMember = "team_member"
        case organization, project
        /// The request's `user` field (LiteLLM's customer).
        case endUser = "end_user"
        /// A value of the request's `metadata.tags`.
        case tag
        /// Everything; the id is empty.
        case global
    }

    public var kind: Kind
    /// The key's hash, the user, team, organization, project or end user id, the tag; empty for ``global``.
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public static let global = SpendScope(.global, "")

    /// Every scope a request's spend counts against: the gateway, and the key, user, team, team member,
    /// organization, project, end user and each distinct tag it names. The spend log's rows and the budget
    /// plugin's in-memory counters both use this list, so they count the same scopes.
    public static func scopes(
        keyHash: String?, userID: String?, teamID: String?, organizationID: String?, projectID: String?, endUser: String?, tags: [String]
    ) -> [SpendScope] {
        var scopes = [SpendScope.global]
        if let keyHash { scopes.append(SpendScope(.key, keyHash)) }
        if let userID { scopes.append(SpendScope(.user, userID)) }
        if let teamID {
            scopes.append(SpendScope(.team, teamID))
            if let userID { scopes.append(SpendScope(.teamMember, memberID(teamID: teamID, userID: userID))) }
        }
        if let organizationID { scopes.append(SpendScope(.organization, organizationID)) }
        if let projectID { scopes.append(SpendScope(.project, projectID)) }
        if let endUser { scopes.append(SpendScope(.endUser, endUser)) }
        var seen = Set<String>()
        for tag in tags where seen.insert(tag).inserted { scopes.append(SpendScope(.tag, tag)) }
        return scopes
    }

    /// The id of a team member scope: `team_id:user_id`.
    public static func memberID(teamID: String, userID: String) -> String { teamID + ":" + userID }

    /// How errors and alerts name the scope (`team 'eng'`; a key by its hash prefix, never the key).
    public var description: String {
        switch kind {
        case .global: "the gateway"
        case .key: "key '\(id.prefix(12))…'"
        case .teamMember: "team member '\(id)'"
        case .endUser: "end user '\(id)'"
        default: "\(kind.rawValue) '\(id)'"
        }
    }
}

/// The stored spend of one scope.
public struct SpendCounter: Sendable, Hashable {
    public var scope: SpendScope
    /// Spend in ``SpendUnits`` (exact; see there).
    public var units: Int64
    /// When the spend is next reset to 0 (`budget_duration`), seconds since 1970; nil never.
    public var budgetResetAt: Double?

    public init(scope: SpendScope, units: Int64, budgetResetAt: Double? = nil) {
        self.scope = scope
        self.units = units
        self.budgetResetAt = budgetResetAt
    }

    /// Spend in USD.
    public var spend: Double { SpendUnits.usd(units) }
}

/// Money in integer units of 10⁻¹⁰ USD, so counters are exact: a counter is the integer sum of its rows'
/// units, equal to `SUM` over the spend log in any order (doubles would differ in the last bits). Int64 holds
/// about 920 million USD per counter; budgets are at most ``InputRange/maxUSD`` (10⁸ USD, 10¹⁸ units).
public enum SpendUnits {
    public static let perUSD = 10_000_000_000.0

    /// The units of an amount, rounded to the nearest unit. Total: 0 for a negative amount or NaN, `Int64.max` for
    /// an amount too large for Int64 (about 9.2e8 USD or more, or infinity), so no amount (a stored budget from an
    /// older build, a runaway cost) can trap.
    public static func units(_ usd: Double) -> Int64 {
        guard usd > 0 else { return 0 }
        let units = (usd * perUSD).rounded()
        // 2⁶³ is the first double past Int64.max.
        return units < 0x1p63 ? Int64(units) : .max
    }

    public static func usd(_ units: Int64) -> Double { Double(units) / perUSD }
}
