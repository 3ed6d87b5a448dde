import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// A deployment one instance put in cooldown is avoided by the other (`pool`: `broken` and `working`; one failure
/// cools a deployment down for 600 s).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1", "TOLLGATE_SKIP_POSTGRES=1"))
struct CooldownSharingTests {
    @Test func aDeploymentCooledDownOnOneInstanceIsAvoidedByTheOther() async throws {
        try await TwoGateways.run { gateways in
            let master = TwoGateways.master
            let broken = try #require(gateways.upstreams["broken"])
            let working = try #require(gateways.upstreams["working"])
            broken.set(failing: true)
            // A sends until one of its calls fails on `broken` (and is retried on `working`): A cools it down.
            let cooled = try await TwoGateways.poll {
                let status = try await TwoGateways.chat(gateways.a, key: master, model: "pool").status
                #expect(status == 200)
                return broken.calls > 0
            }
            try #require(cooled != nil, "A never chose the broken deployment")
            let callsFromA = broken.calls
            // The cooldown is announced just before A answers; a key written on A afterwards marks when B has heard
            // A's notifications up to then (one channel, delivered in order).
            let marker = "sk-scale-marker-\(UUID().uuidString.lowercased())"
            #expect(try await TwoGateways.chat(gateways.b, key: marker).status == 401)
            _ = try await TwoGateways.generate(on: gateways.a, ["key": .string(marker)])
            let polled1 = try await TwoGateways.pollStatus(gateways.b, key: marker) { $0 == 200 }
            try #require(polled1 != nil)
            // Left to itself, B would pick `broken` about every other request (and cool it down on its first failure).
            let before = working.calls
            for _ in 0..<20 {
                #expect(try await TwoGateways.chat(gateways.b, key: master, model: "pool").status == 200)
            }
            #expect(broken.calls == callsFromA, "B sent \(broken.calls - callsFromA) calls to the deployment A cooled down")
            #expect(working.calls - before == 20)
        }
    }
}
