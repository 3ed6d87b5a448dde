import Foundation
import GatewayCore
import GatewayTesting
import Synchronization
import Testing

/// Keys and teams changed on one instance, seen by the other through Postgres notifications (caches last 600 s
/// there, so nothing else explains it).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1", "TOLLGATE_SKIP_POSTGRES=1"))
struct KeyCoherenceTests {
    @Test func aKeyCreatedOnOneInstanceWorksOnTheOther() async throws {
        try await TwoGateways.run { gateways in
            let secret = "sk-scale-\(UUID().uuidString.lowercased())"
            // B caches "no such key" first.
            #expect(try await TwoGateways.chat(gateways.b, key: secret).status == 401)
            _ = try await TwoGateways.generate(on: gateways.a, ["key": .string(secret)])
            let took = try await TwoGateways.pollStatus(gateways.b, key: secret) { $0 == 200 }
            #expect(took != nil, "B never accepted the key created on A")
        }
    }

    @Test func aKeyBlockedOnOneInstanceIsRefusedOnTheOtherAtOnce() async throws {
        try await TwoGateways.run { gateways in
            let secret = try await TwoGateways.generate(on: gateways.a)
            let polled1 = try await TwoGateways.pollStatus(gateways.b, key: secret) { $0 == 200 }
            try #require(polled1 != nil)
            let blocked = try await TwoGateways.post(gateways.a, "/key/block", ["key": .string(secret)])
            #expect(blocked.status == 200, "\(blocked.body)")
            let took = try await TwoGateways.pollStatus(gateways.b, key: secret, within: 10) { $0 == 401 }
            let seconds = try #require(took, "B still accepts the key blocked on A")
            #expect(seconds < TwoGateways.propagationBound, "B refused the blocked key after \(seconds) s")
            let refused = try await TwoGateways.chat(gateways.b, key: secret)
            #expect(refused.status == 401, "\(refused.body)")
        }
    }

    @Test func aKeyDeletedOnOneInstanceIsRefusedOnTheOther() async throws {
        try await TwoGateways.run { gateways in
            let secret = try await TwoGateways.generate(on: gateways.a)
            let polled2 = try await TwoGateways.pollStatus(gateways.b, key: secret) { $0 == 200 }
            try #require(polled2 != nil)
            #expect(try await TwoGateways.post(gateways.a, "/key/delete", ["keys": [.string(secret)]]).status == 200)
            let took = try await TwoGateways.pollStatus(gateways.b, key: secret, within: 10) { $0 == 401 }
            let seconds = try #require(took, "B still accepts the key deleted on A")
            #expect(seconds < TwoGateways.propagationBound, "B refused the deleted key after \(seconds) s")
        }
    }

    @Test func aTeamBlockedOrOutOfBudgetOnOneInstanceIsEnforcedOnTheOther() async throws {
        try await TwoGateways.run { gateways in
            #expect(try await TwoGateways.post(gateways.a, "/team/new", ["team_id": "scale-team"]).status == 200)
            let secret = try await TwoGateways.generate(on: gateways.a, ["team_id": "scale-team"])
            let polled3 = try await TwoGateways.pollStatus(gateways.b, key: secret) { $0 == 200 }
            try #require(polled3 != nil)
            #expect(try await TwoGateways.post(gateways.a, "/team/block", ["team_id": "scale-team"]).status == 200)
            let blocked = try await TwoGateways.pollStatus(gateways.b, key: secret, within: 10) { $0 != 200 }
            #expect(try #require(blocked, "B still serves the team blocked on A") < TwoGateways.propagationBound)

            #expect(try await TwoGateways.post(gateways.a, "/team/unblock", ["team_id": "scale-team"]).status == 200)
            let polled4 = try await TwoGateways.pollStatus(gateways.b, key: secret) { $0 == 200 }
            try #require(polled4 != nil)
            // A budget already spent: the budgets plugin on B refuses as soon as B knows the team's new limit.
            let update = try await TwoGateways.post(gateways.a, "/team/update", ["team_id": "scale-team", "max_budget": 0])
            #expect(update.status == 200, "\(update.body)")
            let overBudget = try await TwoGateways.poll(within: 10) {
                try await TwoGateways.chat(gateways.b, key: secret).error?["type"]?.stringValue == "budget_exceeded"
            }
            #expect(try #require(overBudget, "B ignores the budget set on A") < TwoGateways.propagationBound)
        }
    }
}
