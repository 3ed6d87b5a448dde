import GatewayCore

/// The scopes this plugin's own config limits (the gateway, tags, end users without limits of their own), and
/// the list of scopes one request is checked against.
struct ConfiguredBudgets: Sendable {
    /// The whole gateway's limits; nil when none is configured.
    var global: BudgetLimits?
    /// Limits for an end user the auth plugin lists none for.
    var endUserDefault: BudgetLimits?
    /// Limits per value of `metadata.tags`.
    var tags: [String: BudgetLimits]

    /// The scopes a request is checked against, each once: what the auth plugin listed on the principal, the
    /// default end-user limits when it listed none for the request's end user, each tag with a budget, and the
    /// gateway.
    func checkedScopes(for request: GatewayRequest) -> [ScopedLimits] {
        let principal = request.principal
        var checked: [ScopedLimits] = []
        checked.reserveCapacity(principal.budgets.count + 2)
        // Usually a handful of scopes, where a linear search is cheaper than building a Set; a Set past that (a
        // request may name many tags with budgets).
        var seen: Set<SpendScope>?
        func add(_ entry: ScopedLimits) {
            if checked.count < 16 {
                guard !checked.contains(where: { $0.scope == entry.scope }) else { return }
            } else {
                if seen == nil { seen = Set(checked.map(\.scope)) }
                guard seen?.insert(entry.scope).inserted == true else { return }
            }
            checked.append(entry)
        }
        principal.budgets.forEach(add)
        if let endUser = principal.endUserID, let endUserDefault {
            add(ScopedLimits(SpendScope(.endUser, endUser), endUserDefault))
        }
        for tag in request.tags {
            if let limits = tags[tag] { add(ScopedLimits(SpendScope(.tag, tag), limits)) }
        }
        if let global { add(ScopedLimits(.global, global)) }
        return checked
    }

    /// Every scope a request's spend counts against: the same list the spend log's rows count, so memory and
    /// the store's counters agree.
    static func spendScopes(for request: GatewayRequest) -> [SpendScope] {
        let principal = request.principal
        return SpendScope.scopes(
            keyHash: principal.keyHash, userID: principal.userID, teamID: principal.teamID, organizationID: principal.organizationID,
            projectID: principal.projectID, endUser: principal.endUserID, tags: request.tags)
    }
}
