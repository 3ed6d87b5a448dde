import GatewayCore
import HTTPTypes
import Testing

@testable import Guardrails

struct GuardrailSelectionTests {
    typealias Support = GuardrailTestSupport
    let configured = ["always", "team-rule", "optional"]
    let defaultOn: Set<String> = ["always"]

    private func principal(guardrails: [String] = [], key: JSON = [:], team: JSON = [:]) -> Principal {
        var principal = Principal(subject: "key", role: .user, teamID: "t1", metadata: key)
        principal.teamMetadata = team
        principal.guardrails = guardrails
        return principal
    }

    @Test func defaultOnKeyTeamAndAskedForRunInConfigOrder() throws {
        let selection = try GuardrailSelection(
            body: ["metadata": ["guardrails": ["optional"]]], principal: principal(guardrails: ["team-rule"]), configured: configured,
            defaultOn: defaultOn)
        #expect(selection.names == ["always", "team-rule", "optional"])
        #expect(try GuardrailSelection(body: [:], principal: principal(), configured: configured, defaultOn: defaultOn).names == ["always"])
    }

    @Test func unknownNamesAreRejected() {
        for body: JSON in [
            ["guardrails": ["nope"]], ["metadata": ["guardrails": ["nope"]]], ["disable_guardrails": ["nope"]], ["guardrails": "always"],
        ] {
            let error = #expect(throws: GatewayError.self) {
                try GuardrailSelection(body: body, principal: principal(), configured: configured, defaultOn: defaultOn)
            }
            #expect(error?.status == .badRequest)
        }
        #expect(throws: GatewayError.self) {
            try GuardrailSelection(body: [:], principal: principal(guardrails: ["gone"]), configured: configured, defaultOn: defaultOn)
        }
    }

    @Test func switchingOffAnEnforcedGuardrailNeedsPermission() throws {
        let body: JSON = ["disable_guardrails": ["team-rule"]]
        let error = #expect(throws: GatewayError.self) {
            try GuardrailSelection(body: body, principal: principal(guardrails: ["team-rule"]), configured: configured, defaultOn: defaultOn)
        }
        #expect(error?.status == .forbidden)
        #expect(error?.code == "guardrail_modification_not_allowed")
        let metadataBody: JSON = ["metadata": ["disable_guardrails": ["always"]]]
        #expect(throws: GatewayError.self) {
            try GuardrailSelection(body: metadataBody, principal: principal(), configured: configured, defaultOn: defaultOn)
        }

        for allowed in [
            principal(guardrails: ["team-rule"], key: ["allow_modify_guardrails": true]),
            principal(guardrails: ["team-rule"], team: ["allow_modify_guardrails": true]),
        ] {
            let selection = try GuardrailSelection(body: body, principal: allowed, configured: configured, defaultOn: defaultOn)
            #expect(selection.names == ["always"])
        }
        // Switching off what was not going to run changes nothing and needs no permission.
        let noop = try GuardrailSelection(
            body: ["disable_guardrails": ["optional"]], principal: principal(), configured: configured, defaultOn: defaultOn)
        #expect(noop.names == ["always"])
    }

    @Test func controlFieldsNeverGoUpstream() async throws {
        let hook = try Support.enforcer([["name": "optional", "kind": "pii"]])
        var request = Support.request(
            "hi", extra: ["guardrails": ["optional"], "disable_guardrails": [], "metadata": ["guardrails": ["optional"], "tags": ["a"]]])
        _ = try await hook.preCall(&request)
        #expect(request.body["guardrails"] == nil)
        #expect(request.body["disable_guardrails"] == nil)
        #expect(request.body["metadata"] == ["tags": ["a"]])
        #expect(request.responseHeaders.all[GuardrailEnforcer.header] == "optional")
    }
}
