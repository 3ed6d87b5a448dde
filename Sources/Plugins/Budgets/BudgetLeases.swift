import GatewayCore

/// This instance's leases on the budgets of scopes shared with other instances (``SharedLimitStore``): admission
/// takes from a lease in memory and goes to the store only when the lease runs short or nears its expiry.
///
/// Per scope, `granted` and `used` are cumulative in the stored lease's frame: `used` counts every cost this
/// instance committed on the scope (flushed or not), so `granted - used - reserved` is what is still free here. The
/// stored lease holds `granted - spent` (spent: the flushed part of `used`), which covers the requests in flight and
/// the spend not yet flushed while `free ≥ 0`: the invariant `counter + Σ held ≤ max_budget` then bounds real spend.
struct BudgetLeases: Sendable {
    struct Lease: Sendable, Equatable {
        var granted: Int64 = 0
        var used: Int64 = 0
        var expiresAt: Double = -.infinity
        var lastUse: Double = 0
        /// Handed back to the store after going idle (nothing more to trim until used again).
        var trimmed = false
    }

    /// A lease to grow before a request fits: the least cumulative grant it needs, and a slice more to serve the next.
    struct Need: Sendable, Equatable {
        var scope: SpendScope
        var maxBudget: Int64
        var target: Int64
        var minimum: Int64
        var worstCase: Int64
    }

    /// What the background sync does to one lease.
    enum Upkeep: Sendable, Equatable {
        /// Extend the expiry of a lease in use (grow it back to `granted` if it lapsed).
        case renew(SpendScope, maxBudget: Int64, granted: Int64)
        /// Hand back what an idle lease holds beyond its use.
        case trim(SpendScope, granted: Int64)
    }

    let settings: LeaseSettings
    private(set) var leases: [SpendScope: Lease] = [:]
    /// Each leased scope's `max_budget` as last seen (for renewals).
    private var maxBudgets: [SpendScope: Int64] = [:]

    init(settings: LeaseSettings) { self.settings = settings }

    /// Nil when the request's worst case fits in the scope's lease beside `reserved` (the requests in flight) and the
    /// lease is not about to expire; else the grant it needs.
    func need(_ scope: SpendScope, maxBudget: Int64, reserved: Int64, worstCase: Int64, at now: Double) -> Need? {
        let lease = leases[scope] ?? Lease()
        let usable = now < lease.expiresAt - settings.renewBeforeSeconds
        if usable, lease.granted.saturatingSubtract(lease.used.saturatingAdd(reserved)) >= worstCase { return nil }
        let minimum = lease.used.saturatingAdd(reserved).saturatingAdd(worstCase)
        return Need(
            scope: scope, maxBudget: maxBudget, target: minimum.saturatingAdd(settings.slice(of: maxBudget)), minimum: minimum, worstCase: worstCase)
    }

    /// Records admission on these scopes (their leases stay renewed while in use).
    mutating func noteUse(_ scopes: [SpendScope], maxBudgets budgets: [SpendScope: Int64], at now: Double) {
        for scope in scopes {
            leases[scope, default: Lease()].lastUse = now
            leases[scope]?.trimmed = false
            if let budget = budgets[scope] { maxBudgets[scope] = budget }
        }
    }

    /// Takes the lease as the store answered. `used` never goes below the stored `spent` (a lease left by an earlier
    /// process under the same instance id).
    mutating func stored(_ scope: SpendScope, maxBudget: Int64, lease: BudgetLease) {
        var entry = leases[scope] ?? Lease()
        entry.granted = lease.granted
        entry.used = max(entry.used, lease.spent)
        entry.expiresAt = lease.expiresAt
        leases[scope] = entry
        maxBudgets[scope] = maxBudget
    }

    /// Counts a committed cost on each leased scope.
    mutating func spend(_ units: Int64, on scopes: [SpendScope]) {
        guard units > 0 else { return }
        for scope in scopes {
            guard var lease = leases[scope] else { continue }
            lease.used = lease.used.saturatingAdd(units)
            leases[scope] = lease
        }
    }

    /// The store work due: renew leases used within a TTL or with requests in flight; trim the others once.
    mutating func upkeep(reserved: (SpendScope) -> Int64, at now: Double) -> [Upkeep] {
        var work: [Upkeep] = []
        for (scope, lease) in leases {
            let inFlight = reserved(scope)
            if inFlight > 0 || now - lease.lastUse < settings.ttlSeconds {
                work.append(.renew(scope, maxBudget: maxBudgets[scope] ?? 0, granted: lease.granted))
            } else if !lease.trimmed {
                leases[scope]?.trimmed = true
                leases[scope]?.granted = min(lease.granted, lease.used)
                work.append(.trim(scope, granted: lease.used))
            } else if now - lease.lastUse > settings.forgetAfterSeconds {
                // Long idle: its spend has long been flushed, so a fresh start from the stored `spent` is exact.
                leases[scope] = nil
                maxBudgets[scope] = nil
            }
        }
        return work
    }

    /// Hands back everything beyond use and in-flight reservations (graceful shutdown).
    mutating func release(reserved: (SpendScope) -> Int64) -> [Upkeep] {
        leases.map { scope, lease in
            let keep = lease.used.saturatingAdd(reserved(scope))
            leases[scope]?.granted = min(lease.granted, keep)
            return .trim(scope, granted: keep)
        }
    }
}
