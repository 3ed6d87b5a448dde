import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// A deployment one instance put in cooldown is avoided by the other (`pool`: `broken` and `working`; one failure
/// cools a deployment down for 600 s).
///
/// B sends nothing to `pool` before it is checked: a 1 on its cooldown gauge for `broken` can only come from A's
/// announcement.
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
            // A announces the cooldown after it answers (off the request path); B shows it on its gauge when it
            // takes it on.
            let adopted = try await TwoGateways.poll {
                let scrape = PrometheusScrape(try await gateways.b.get("/metrics").body)
                return scrape.value("tollgate_deployment_cooldown", ["deployment": "broken"]) == 1
            }
            try #require(adopted != nil, "B never heard of the cooldown")
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
