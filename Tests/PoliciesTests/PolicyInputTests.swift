import GatewayCore
import SQLiteStore
import Testing

@testable import Policies

/// What the policy endpoints refuse before anything is stored.
struct PolicyInputTests {
    @Test func badNamesUnknownGuardrailsAndBadConditionsAre400() async throws {
        try await PolicyHarness.run { harness in
            for body: JSON in [
                ["guardrails_add": ["pii"]], ["policy_name": "has space"], ["policy_name": "ok", "guardrails_add": ["nope"]],
                ["policy_name": "ok", "guardrails_add": "pii"], ["policy_name": "ok", "condition": ["model": []]],
                ["policy_name": "ok", "inherit": "missing"], ["policy_name": "ok", "inherit": "ok"],
            ] {
                await #expect(throws: GatewayError.self, "\(body)") { try await harness.call(.post, "/policies", body: body) }
            }
            let stored = try await harness.store.policyVersions(status: nil)
            #expect(stored.isEmpty, "nothing refused was stored")
        }
    }

    @Test func inheritanceCyclesAreRefused() async throws {
        try await PolicyHarness.run { harness in
            try await harness.create("a", add: ["pii"])
            try await harness.call(.post, "/policies", body: ["policy_name": "b", "inherit": "a"])
            let draft = try await harness.newVersion("a")
            do {
                try await harness.call(.put, "/policies/{policy_id}", parameters: ["policy_id": draft], body: ["inherit": "b"])
                Issue.record("a → b → a was accepted")
            } catch let error as GatewayError {
                #expect(error.message.contains("cycle"), "\(error.message)")
            }
        }
    }

    @Test func listRefusesAnUnknownVersionStatus() async throws {
        try await PolicyHarness.run { harness in
            try await harness.create("a", add: ["pii"])
            do {
                try await harness.call(.get, "/policies/list", query: ["version_status": "live"])
                Issue.record("an invalid version_status was accepted")
            } catch let error as GatewayError {
                #expect(error.type == "invalid_request_error")
                #expect(error.param == "version_status")
            }
            #expect(try await harness.call(.get, "/policies/list", query: ["version_status": "production"])["total_count"] == 1)
            #expect(try await harness.call(.get, "/policies/list", query: ["version_status": "draft"])["total_count"] == 0)
        }
    }
}
