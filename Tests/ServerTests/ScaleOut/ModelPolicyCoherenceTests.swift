import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// Models and policies changed through the API on one instance, applied on the other when notified (both refresh
/// only every 600 s here).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1", "TOLLGATE_SKIP_POSTGRES=1"))
struct ModelPolicyCoherenceTests {
    @Test func aModelAddedOrDeletedOnOneInstanceServesOrStopsOnTheOther() async throws {
        try await TwoGateways.run { gateways in
            let master = TwoGateways.master
            #expect(try await TwoGateways.chat(gateways.b, key: master, model: "scale-model").status != 200)
            let body: JSON = [
                "model_name": "scale-model",
                "litellm_params": ["model": "openai/echo", "api_base": .string("\(gateways.upstream.baseURL)/v1"), "api_key": "sk-db-secret-1"],
            ]
            let created = try await TwoGateways.post(gateways.a, "/model/new", body)
            #expect(created.status == 200, "\(created.body)")
            let id = try #require(created.json?["model_info"]?["id"]?.stringValue)
            let served = try await TwoGateways.pollStatus(gateways.b, key: master, model: "scale-model") { $0 == 200 }
            #expect(served != nil, "B never served the model added on A")

            #expect(try await TwoGateways.post(gateways.a, "/model/delete", ["id": .string(id)]).status == 200)
            let gone = try await TwoGateways.pollStatus(gateways.b, key: master, model: "scale-model") { $0 != 200 }
            #expect(gone != nil, "B still serves the model deleted on A")
        }
    }

    @Test func aPolicyPutInForceOnOneInstanceAppliesOnTheOther() async throws {
        try await TwoGateways.run { gateways in
            let secret = try await TwoGateways.generate(on: gateways.a)
            let polled1 = try await TwoGateways.pollStatus(gateways.b, key: secret, text: "a banana") { $0 == 200 }
            try #require(polled1 != nil)
            let policy = try await TwoGateways.post(gateways.a, "/policies", ["policy_name": "scale-policy", "guardrails_add": ["no-banana"]])
            #expect(policy.status == 200, "\(policy.body)")
            let attached = try await TwoGateways.post(gateways.a, "/policies/attachments", ["policy_name": "scale-policy", "scope": "*"])
            #expect(attached.status == 200, "\(attached.body)")
            let blocked = try await TwoGateways.pollStatus(gateways.b, key: secret, text: "a banana", within: 10) { $0 != 200 }
            #expect(try #require(blocked, "B ignores the policy attached on A") < TwoGateways.propagationBound)
            #expect(try await TwoGateways.chat(gateways.b, key: secret, text: "an apple").status == 200)

            let deleted = try await gateways.a.request(
                .DELETE, "/policies/name/scale-policy/all-versions", headers: ["authorization": "Bearer \(TwoGateways.master)"])
            #expect(deleted.status == 200, "\(deleted.body)")
            let lifted = try await TwoGateways.pollStatus(gateways.b, key: secret, text: "a banana") { $0 == 200 }
            #expect(lifted != nil, "B still applies the policy deleted on A")
        }
    }
}
