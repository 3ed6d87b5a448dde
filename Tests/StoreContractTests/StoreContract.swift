import GatewayCore
import Testing

/// The behaviour every ``GatewayStore`` must have. `SQLiteStoreTests` and `PostgresStoreTests` run each case on a
/// fresh, empty, not yet migrated store of their kind, so both stores are held to exactly the same checks.
/// Checks live by concern in `StoreContract+SpendLogs.swift`, `+SpendReports.swift`, `+SpendCounters.swift`, `+KeySettings.swift`,
/// `+Entities.swift`, `+AuditLog.swift`, `+Counts.swift`,
/// `+Policies.swift` and `+PolicyAttachments.swift`.
enum StoreContract: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case migrationsApplyOnceInOrder
    case healthCheckPasses
    case keyRoundTripsEveryField
    case keyRoundTripsNilOptionals
    case duplicateKeyConflicts
    case updateReplacesEveryField
    case updateOfMissingKeyIsNotFound
    case deleteReportsWhetherKeyExisted
    case listOrdersByCreationAndPages
    case spendLogRoundTripsEveryField
    case recentSpendLogsAreNewestFirst
    case totalSpendSumsOneKey
    case duplicateRequestIDsAreIgnored
    case spendLogsFilterPageAndOrder
    case spendSummaryTotalsAFilter
    case countersEqualTheirRowsForEveryScope
    case concurrentAppendsCountExactly
    case retriedBatchesAddNothing
    case budgetResetsAreScheduledOnceAndCompareAndSet
    case keySettingsRoundTrip
    case listKeysFiltersByTeamAndUser
    case keyWritesCarryTheirAuditRows
    case entityRoundTripsForEveryKind
    case typedAccessorsRoundTripRecords
    case duplicateEntityConflicts
    case concurrentChangesOfOneEntityAreAllKept
    case updateReplacesEntityAndItsReferences
    case updateOfMissingEntityIsNotFound
    case deleteEntityReportsWhetherItExisted
    case listEntitiesOrdersByIDFiltersAndPages
    case auditLogRoundTripsEveryField
    case auditLogsAreNewestFirstAndFiltered
    case failedAuditRowRollsBackTheWrite
    case keysByAliasAndKeyCounts
    case entityCountsFollowFilters
    case policyLifecycleRoundTrips
    case concurrentPolicyVersionsGetDistinctNumbers
    case concurrentPromotionsLeaveOneProduction
    case shadowNeedsAPublishedVersionAndIsExclusive
    case deletePolicyVersionReturnsTheRow
    case createPolicyOfATakenNameIsRefused
    case attachmentNeedsAProductionVersion
    case deletePolicyRemovesVersionsAndAttachments

    var testDescription: String { rawValue }

    /// Runs this check on a fresh store. Every check but the migration one migrates the store first.
    func run(on store: any GatewayStore) async throws {
        if self != .migrationsApplyOnceInOrder {
            _ = try await store.migrate()
        }
        switch self {
        case .migrationsApplyOnceInOrder: try await Self.migrationsApplyOnceInOrder(store)
        case .healthCheckPasses: try await store.checkHealth()
        case .keyRoundTripsEveryField: try await Self.keyRoundTripsEveryField(store)
        case .keyRoundTripsNilOptionals: try await Self.keyRoundTripsNilOptionals(store)
        case .duplicateKeyConflicts: try await Self.duplicateKeyConflicts(store)
        case .updateReplacesEveryField: try await Self.updateReplacesEveryField(store)
        case .updateOfMissingKeyIsNotFound: try await Self.updateOfMissingKeyIsNotFound(store)
        case .deleteReportsWhetherKeyExisted: try await Self.deleteReportsWhetherKeyExisted(store)
        case .listOrdersByCreationAndPages: try await Self.listOrdersByCreationAndPages(store)
        case .spendLogRoundTripsEveryField: try await Self.spendLogRoundTripsEveryField(store)
        case .recentSpendLogsAreNewestFirst: try await Self.recentSpendLogsAreNewestFirst(store)
        case .totalSpendSumsOneKey: try await Self.totalSpendSumsOneKey(store)
        case .duplicateRequestIDsAreIgnored: try await Self.duplicateRequestIDsAreIgnored(store)
        case .spendLogsFilterPageAndOrder: try await Self.spendLogsFilterPageAndOrder(store)
        case .spendSummaryTotalsAFilter: try await Self.spendSummaryTotalsAFilter(store)
        case .countersEqualTheirRowsForEveryScope: try await Self.countersEqualTheirRowsForEveryScope(store)
        case .concurrentAppendsCountExactly: try await Self.concurrentAppendsCountExactly(store)
        case .retriedBatchesAddNothing: try await Self.retriedBatchesAddNothing(store)
        case .budgetResetsAreScheduledOnceAndCompareAndSet: try await Self.budgetResetsAreScheduledOnceAndCompareAndSet(store)
        case .keySettingsRoundTrip: try await Self.keySettingsRoundTrip(store)
        case .listKeysFiltersByTeamAndUser: try await Self.listKeysFiltersByTeamAndUser(store)
        case .keyWritesCarryTheirAuditRows: try await Self.keyWritesCarryTheirAuditRows(store)
        case .entityRoundTripsForEveryKind: try await Self.entityRoundTripsForEveryKind(store)
        case .typedAccessorsRoundTripRecords: try await Self.typedAccessorsRoundTripRecords(store)
        case .duplicateEntityConflicts: try await Self.duplicateEntityConflicts(store)
        case .concurrentChangesOfOneEntityAreAllKept: try await Self.concurrentChangesOfOneEntityAreAllKept(store)
        case .updateReplacesEntityAndItsReferences: try await Self.updateReplacesEntityAndItsReferences(store)
        case .updateOfMissingEntityIsNotFound: try await Self.updateOfMissingEntityIsNotFound(store)
        case .deleteEntityReportsWhetherItExisted: try await Self.deleteEntityReportsWhetherItExisted(store)
        case .listEntitiesOrdersByIDFiltersAndPages: try await Self.listEntitiesOrdersByIDFiltersAndPages(store)
        case .auditLogRoundTripsEveryField: try await Self.auditLogRoundTripsEveryField(store)
        case .auditLogsAreNewestFirstAndFiltered: try await Self.auditLogsAreNewestFirstAndFiltered(store)
        case .failedAuditRowRollsBackTheWrite: try await Self.failedAuditRowRollsBackTheWrite(store)
        case .keysByAliasAndKeyCounts: try await Self.keysByAliasAndKeyCounts(store)
        case .entityCountsFollowFilters: try await Self.entityCountsFollowFilters(store)
        case .policyLifecycleRoundTrips: try await Self.policyLifecycleRoundTrips(store)
        case .concurrentPolicyVersionsGetDistinctNumbers: try await Self.concurrentPolicyVersionsGetDistinctNumbers(store)
        case .concurrentPromotionsLeaveOneProduction: try await Self.concurrentPromotionsLeaveOneProduction(store)
        case .shadowNeedsAPublishedVersionAndIsExclusive: try await Self.shadowNeedsAPublishedVersionAndIsExclusive(store)
        case .deletePolicyVersionReturnsTheRow: try await Self.deletePolicyVersionReturnsTheRow(store)
        case .createPolicyOfATakenNameIsRefused: try await Self.createPolicyOfATakenNameIsRefused(store)
        case .attachmentNeedsAProductionVersion: try await Self.attachmentNeedsAProductionVersion(store)
        case .deletePolicyRemovesVersionsAndAttachments: try await Self.deletePolicyRemovesVersionsAndAttachments(store)
        }
    }

    // MARK: Migrations

    static func migrationsApplyOnceInOrder(_ store: any GatewayStore) async throws {
        #expect(try await store.schemaVersion() == 0)
        let applied = try await store.migrate()
        #expect(!applied.isEmpty)
        #expect(applied == Array(1...max(1, applied.count)), "versions are applied once each, in order, from 1")
        #expect(try await store.migrate() == [], "a second migrate finds nothing to do")
        #expect(try await store.schemaVersion() == applied.last)
    }

    // MARK: Keys

    static func keyRoundTripsEveryField(_ store: any GatewayStore) async throws {
        let key = StoreFixtures.fullKey(hash: "hash-full")
        try await store.insertKey(key)
        #expect(try await store.key(hash: "hash-full") == key)
        #expect(try await store.key(hash: "hash-absent") == nil)
    }

    static func keyRoundTripsNilOptionals(_ store: any GatewayStore) async throws {
        let key = VirtualKeyRecord(keyHash: "hash-bare", createdAt: 1_700_000_000)
        try await store.insertKey(key)
        let stored = try await store.key(hash: "hash-bare")
        #expect(stored == key)
        #expect(stored?.keyAlias == nil && stored?.maxBudget == nil && stored?.expiresAt == nil)
        #expect(stored?.models == [])
        #expect(stored?.metadata == .object([:]))
    }

    static func duplicateKeyConflicts(_ store: any GatewayStore) async throws {
        let original = StoreFixtures.fullKey(hash: "hash-dup")
        try await store.insertKey(original)
        var other = original
        other.spend = 99
        let error = await #expect(throws: StoreError.self) { try await store.insertKey(other) }
        #expect(error?.isConflict == true)
        #expect(try await store.key(hash: "hash-dup") == original, "the stored key is untouched")
    }

    static func updateReplacesEveryField(_ store: any GatewayStore) async throws {
        try await store.insertKey(StoreFixtures.fullKey(hash: "hash-upd"))
        let updated = VirtualKeyRecord(
            keyHash: "hash-upd", keyAlias: "renamed", userID: nil, teamID: "team-2", models: ["claude-3-5-sonnet"], spend: 12.5,
            maxBudget: nil, blocked: true, expiresAt: nil, createdAt: 1_700_000_001.25, metadata: ["tags": ["a", "b"], "n": 2])
        try await store.updateKey(updated)
        #expect(try await store.key(hash: "hash-upd") == updated)
    }

    static func updateOfMissingKeyIsNotFound(_ store: any GatewayStore) async throws {
        let error = await #expect(throws: StoreError.self) {
            try await store.updateKey(VirtualKeyRecord(keyHash: "hash-missing", createdAt: 1))
        }
        #expect(error?.isNotFound == true)
        #expect(try await store.key(hash: "hash-missing") == nil, "an update never inserts")
    }

    static func deleteReportsWhetherKeyExisted(_ store: any GatewayStore) async throws {
        try await store.insertKey(StoreFixtures.fullKey(hash: "hash-del"))
        try await store.insertKey(StoreFixtures.fullKey(hash: "hash-keep"))
        #expect(try await store.deleteKey(hash: "hash-del"))
        #expect(try await store.key(hash: "hash-del") == nil)
        #expect(try await !store.deleteKey(hash: "hash-del"))
        #expect(try await store.key(hash: "hash-keep") != nil, "only the named key is deleted")
    }

    static func listOrdersByCreationAndPages(_ store: any GatewayStore) async throws {
        #expect(try await store.listKeys(limit: 10, offset: 0) == [])
        let createdAts: [Double] = [30, 10, 50, 20, 40]
        for (index, createdAt) in createdAts.enumerated() {
            try await store.insertKey(VirtualKeyRecord(keyHash: "hash-\(index)", models: ["m\(index)"], createdAt: createdAt))
        }
        let all = try await store.listKeys(limit: 10, offset: 0)
        #expect(all.map(\.createdAt) == [10, 20, 30, 40, 50], "oldest first")
        #expect(all.map(\.keyHash) == ["hash-1", "hash-3", "hash-0", "hash-4", "hash-2"])
        #expect(try await store.listKeys(limit: 2, offset: 2).map(\.createdAt) == [30, 40])
        #expect(try await store.listKeys(limit: 2, offset: 4).map(\.createdAt) == [50])
        #expect(try await store.listKeys(limit: 2, offset: 5) == [])
        #expect(try await store.listKeys(limit: 0, offset: 0) == [])
    }
}
