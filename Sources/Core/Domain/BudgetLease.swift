/// What an instance asks of ``SharedLimitStore/leaseBudget(_:)``. Amounts are ``SpendUnits``, cumulative over the
/// lease's life (the same frame as ``BudgetLease/granted`` and ``BudgetLease/spent``).
public struct BudgetLeaseRequest: Sendable, Hashable {
    public var scope: SpendScope
    public var instanceID: String
    /// The scope's `max_budget`.
    public var maxBudget: Int64
    /// The cumulative grant wanted (what is used, plus the request, plus a slice to serve the next ones locally).
    public var target: Int64
    /// The least cumulative grant worth having; below it nothing is written.
    public var minimum: Int64
    /// Seconds since 1970 until which the lease holds once granted.
    public var expiresAt: Double
    /// Seconds since 1970: leases expired before it hold nothing.
    public var now: Double

    public init(scope: SpendScope, instanceID: String, maxBudget: Int64, target: Int64, minimum: Int64, expiresAt: Double, now: Double) {
        self.scope = scope
        self.instanceID = instanceID
        self.maxBudget = maxBudget
        self.target = target
        self.minimum = minimum
        self.expiresAt = expiresAt
        self.now = now
    }
}

/// One instance's lease on a scope's budget as stored, and the numbers a grant was decided on.
public struct BudgetLease: Sendable, Hashable {
    /// Units granted over the lease's life.
    public var granted: Int64
    /// Units of this instance's spend the scope's counter holds (moved out of the lease as spend-log rows land).
    public var spent: Int64
    /// Seconds since 1970; an expired lease holds nothing.
    public var expiresAt: Double
    /// The scope's counter when the grant was decided.
    public var counted: Int64
    /// What the other instances' unexpired leases held then.
    public var othersHeld: Int64

    public init(granted: Int64, spent: Int64, expiresAt: Double, counted: Int64 = 0, othersHeld: Int64 = 0) {
        self.granted = granted
        self.spent = spent
        self.expiresAt = expiresAt
        self.counted = counted
        self.othersHeld = othersHeld
    }

    /// What the lease holds of the budget while unexpired: granted and not yet in the counter.
    public var held: Int64 { max(0, granted - spent) }
}
