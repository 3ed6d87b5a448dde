import GatewayCore

/// The spend reads and counters of ``InMemoryStore``, as the SQL stores answer them.
extension InMemoryStore {
    func spendLogs(_ filter: SpendLogFilter, limit: Int, offset: Int) async throws -> [SpendLogEntry] {
        let newestFirst = spendLogs.filter { Self.matches($0, filter) }.sorted {
            ($0.startTime, $0.requestID) > ($1.startTime, $1.requestID)
        }
        return Array(newestFirst.dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    func spendSummary(_ filter: SpendLogFilter) async throws -> SpendSummary {
        spendLogs.filter { Self.matches($0, filter) }.reduce(into: SpendSummary()) { summary, entry in
            summary.requests += 1
            summary.units += entry.spendUnits
            summary.promptTokens += entry.promptTokens
            summary.completionTokens += entry.completionTokens
        }
    }

    func spendCounters() async throws -> [SpendCounter] {
        counters.values.sorted { ($0.scope.kind.rawValue, $0.scope.id) < ($1.scope.kind.rawValue, $1.scope.id) }
    }

    func spendCounter(_ scope: SpendScope) async throws -> SpendCounter? { counters[scope] }

    func scheduleBudgetReset(_ scope: SpendScope, at resetAt: Double) async throws -> Double {
        var counter = counters[scope] ?? SpendCounter(scope: scope, units: 0)
        counter.budgetResetAt = counter.budgetResetAt ?? resetAt
        counters[scope] = counter
        return counter.budgetResetAt ?? resetAt
    }

    func resetSpend(_ scope: SpendScope, expectedResetAt: Double, nextResetAt: Double) async throws -> Bool {
        guard let counter = counters[scope], counter.budgetResetAt == expectedResetAt else { return false }
        counters[scope] = SpendCounter(scope: scope, units: 0, budgetResetAt: nextResetAt)
        return true
    }

    private static func matches(_ entry: SpendLogEntry, _ filter: SpendLogFilter) -> Bool {
        (filter.keyHash.map { $0 == entry.keyHash } ?? true) && (filter.userID.map { $0 == entry.userID } ?? true)
            && (filter.teamID.map { $0 == entry.teamID } ?? true) && (filter.start.map { entry.startTime >= $0 } ?? true)
            && (filter.end.map { entry.startTime < $0 } ?? true)
            && (filter.requestID.map { $0 == entry.requestID || $0 == entry.responseID } ?? true)
    }
}
