import GatewayCore
import Testing

@testable import Alerts

/// De-duplication of alerts, without I/O.
@Suite struct AlertDeduplicatorTests {
    static func alert(_ kind: Alert.Kind, _ subject: String = "d1") -> Alert { Alert(kind: kind, subject: subject, message: "m") }

    @Test func sameKindAndSubjectOncePerWindow() {
        var deduplicator = AlertDeduplicator(window: 300)
        func admit(_ alert: Alert, at now: Double) -> Bool { deduplicator.admit(alert, at: now) }
        #expect(admit(Self.alert(.budgetCrossed, "team:a/budget_exceeded"), at: 0))
        #expect(!admit(Self.alert(.budgetCrossed, "team:a/budget_exceeded"), at: 299))
        #expect(admit(Self.alert(.budgetCrossed, "team:b/budget_exceeded"), at: 10), "another subject")
        #expect(admit(Self.alert(.budgetCrossed, "team:a/budget_exceeded"), at: 300), "the window passed")
    }

    @Test func recoveryGoesOutOnceAfterItsDownAlert() {
        var deduplicator = AlertDeduplicator(window: 300)
        func admit(_ alert: Alert, at now: Double) -> Bool { deduplicator.admit(alert, at: now) }
        #expect(!admit(Self.alert(.deploymentUp), at: 0), "no down-alert before it")
        #expect(admit(Self.alert(.deploymentDown), at: 1))
        #expect(!admit(Self.alert(.deploymentDown), at: 2))
        #expect(!admit(Self.alert(.deploymentUp, "other"), at: 3))
        #expect(admit(Self.alert(.deploymentUp), at: 4))
        #expect(!admit(Self.alert(.deploymentUp), at: 5), "once")
        // Flapping inside the window: the second down is suppressed, so is its recovery.
        #expect(!admit(Self.alert(.deploymentDown), at: 6))
        #expect(!admit(Self.alert(.deploymentUp), at: 7))
        #expect(admit(Self.alert(.deploymentDown), at: 400))
        #expect(admit(Self.alert(.deploymentUp), at: 401))
    }

    @Test func spendFlushPairsLikeDeployments() {
        var deduplicator = AlertDeduplicator(window: 0)
        func admit(_ alert: Alert, at now: Double) -> Bool { deduplicator.admit(alert, at: now) }
        #expect(admit(Self.alert(.spendFlushFailing, "spend-log"), at: 0))
        #expect(admit(Self.alert(.spendFlushRecovered, "spend-log"), at: 1))
        #expect(!admit(Self.alert(.spendFlushRecovered, "spend-log"), at: 2))
    }
}
