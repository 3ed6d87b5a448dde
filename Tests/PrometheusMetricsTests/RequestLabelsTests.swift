import GatewayCore
import Testing

@testable import PrometheusMetrics

struct RequestLabelsTests {
    static let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    @Test func aKeyIsNamedByItsAliasElseByAHashPrefixNeverByTheWholeHash() {
        var principal = Principal(subject: Self.hash, role: .user, keyHash: Self.hash, keyAlias: "ci-bot", teamID: "research")
        #expect(RequestLabels.key(of: principal) == "ci-bot")
        principal.keyAlias = nil
        #expect(RequestLabels.key(of: principal) == "key-9f86d081884c")
        #expect(RequestLabels.key(of: Principal(subject: "master_key", role: .admin)) == "master_key")
    }

    @Test func labelsOfAFailedRequestThatNeverReachedADeployment() {
        let event = RequestLogEvent(
            requestID: "r1", endpoint: .chatCompletions, requestedModel: nil, principal: .anonymous,
            outcome: CallOutcome(error: .notFound("no such model")), startTime: 0, endTime: 1, streamed: false)
        #expect(RequestLabels(event) == RequestLabels(model: "none", deployment: "none", status: "404", key: "anonymous", team: "none"))
    }
}
