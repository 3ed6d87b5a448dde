import GatewayCore
import GatewayTesting
import Testing

/// config.yaml's `policies` and `policy_attachments` (LiteLLM's format) over HTTP on both stores: attachments to a
/// team, a key alias and a model, inheritance with add and remove, a model condition, and their startup refusals.
struct ConfigYAMLPoliciesTests {
    /// Guardrails (config.yaml, none `default_on`): `no-banana`, `no-ssn` (block), `mask-email` (mask).
    /// Policies: `baseline` masks emails; `finance` inherits it, adds `no-ssn` and removes `mask-email`, for `gpt-*`
    /// models only; `fruit` adds `no-banana`. Attachments: `finance` to team `finance` and to key alias `auditor`,
    /// `fruit` to model `claude-test`.
    static let yaml = """
        guardrails:
          - guardrail_name: no-banana
            litellm_params: {guardrail: litellm_content_filter, blocked_words: [{keyword: banana, action: BLOCK}]}
          - guardrail_name: no-ssn
            litellm_params: {guardrail: litellm_content_filter, patterns: [{pattern_type: prebuilt, pattern_name: us_ssn, action: BLOCK}]}
          - guardrail_name: mask-email
            litellm_params: {guardrail: presidio, pii_entities_config: {EMAIL_ADDRESS: MASK}}
        policies:
          baseline:
            description: masks emails
            guardrails:
              add: [mask-email]
          finance:
            inherit: baseline
            guardrails:
              add: [no-ssn]
              remove: [mask-email]
            condition:
              model: "gpt-*"
          fruit:
            guardrails: [no-banana]
        policy_attachments:
          - policy: finance
            teams: [finance]
          - policy: finance
            keys: [auditor]
          - policy: fruit
            models: [claude-test]
        """
    static let plugins = [#"{"name": "policies", "config": {"refresh_seconds": 60}}"#, #"{"name": "guardrails"}"#]

    @Test(arguments: KeyBackend.available)
    func attachmentsToTeamsKeysAndModelsApplyTheirPolicies(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend, extraModels: { _ in Self.yaml }, pluginsAfterKeys: Self.plugins) { gateway in
            try await gateway.createTeam("finance")
            let member = try await gateway.generate(["team_id": "finance"]).secret
            let auditor = try await gateway.generate(["key_alias": "auditor"]).secret
            let other = try await gateway.generate(["key_alias": "someone"]).secret
            func chat(_ key: String, _ text: String, model: String = "gpt-test") async throws -> TestEndpoint.Reply {
                try await gateway.endpoint.post("/v1/chat/completions", json: GatewayFixture.chat(model, text), key: key)
            }

            for key in [member, auditor] {
                let ssn = try await chat(key, "ssn 123-45-6789")
                #expect(ssn.status == 400, "\(ssn.body)")
                #expect(ssn.header("x-tollgate-policies") == "finance")
                #expect(ssn.header("x-tollgate-guardrails") == "no-ssn", "inherited mask-email is removed")
                let email = try await chat(key, "mail bob@example.com")
                #expect(email.json?["choices"]?[0]?["message"]?["content"] == "upstream says: mail bob@example.com")
            }
            let unattached = try await chat(other, "ssn 123-45-6789 banana")
            #expect(unattached.status == 200, "\(unattached.body)")
            #expect(unattached.header("x-tollgate-policies") == nil)

            // The model attachment: any key, only that model; finance's condition (gpt-*) leaves claude-test alone.
            let fruit = try await chat(other, "a banana", model: "claude-test")
            #expect(fruit.status == 400)
            #expect(fruit.header("x-tollgate-policies") == "fruit")
            let memberOnClaude = try await chat(member, "a banana", model: "claude-test")
            #expect(memberOnClaude.header("x-tollgate-policies") == "fruit", "finance's condition does not match claude-test")
            #expect(memberOnClaude.header("x-tollgate-guardrails") == "no-banana")

            // Config policies are read-only through the API, and resolve like stored ones.
            let overwrite = try await gateway.post("/policies", ["policy_name": "finance", "guardrails_add": ["no-banana"]])
            #expect(overwrite.status == 400)
            #expect(overwrite.json?["error"]?["message"]?.stringValue?.contains("declared in config.yaml") == true)
            let resolved = try await gateway.post("/policies/resolve", ["team_id": "finance", "model": "gpt-test"])
            #expect(resolved.status == 200, "\(resolved.body)")
            #expect(resolved.body.contains("no-ssn"), "\(resolved.body)")
        }
    }

    @Test func aBaselinePolicyAttachedEverywhereMasks() async throws {
        let yaml = """
            guardrails:
              - guardrail_name: mask-email
                litellm_params: {guardrail: litellm_content_filter, patterns: [{pattern_type: prebuilt, pattern_name: email, action: MASK}]}
            policies:
              baseline: {guardrails: {add: [mask-email]}}
            policy_attachments:
              - {policy: baseline, scope: "*"}
            """
        try await KeyTestGateway.run(.sqlite, extraModels: { _ in yaml }, pluginsAfterKeys: Self.plugins) { gateway in
            let reply = try await gateway.endpoint.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "to bob@example.com"), key: KeyTestGateway.master)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["choices"]?[0]?["message"]?["content"] == "upstream says: to [EMAIL_REDACTED]")
            #expect(reply.header("x-tollgate-policies") == "baseline")
        }
    }

    @Test(arguments: [
        ("policies: {p: {guardrails: {add: [nope]}}}", "config.yaml: policies.p names guardrail 'nope', which no guardrail plugin declares"),
        ("policies: {p: {inherit: q}}", "policies.p.inherit must name another policy"),
        ("policies: {p: {inherit: q}, q: {inherit: p}}", "makes a cycle"),
        ("policies: {p: {pipeline: {mode: pre_call, steps: []}}}", "policies.p.pipeline is not supported"),
        ("policies: {p: {}}\npolicy_attachments: [{policy: p}]", "policy_attachments[0] needs either scope"),
        ("policy_attachments: [{policy: missing, scope: '*'}]", "policy_attachments[0].policy must name a policy"),
    ])
    func badPoliciesStopStartup(yaml: String, message: String) async throws {
        let error = await #expect(throws: ConfigError.self) {
            try await KeyTestGateway.run(.sqlite, extraModels: { _ in yaml }, pluginsAfterKeys: Self.plugins) { _ in }
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func policiesWithoutThePoliciesPluginStopStartup() async throws {
        let error = await #expect(throws: ConfigError.self) {
            try await KeyTestGateway.run(.sqlite, extraModels: { _ in "policies: {p: {}}" }, pluginsAfterKeys: [#"{"name": "guardrails"}"#]) { _ in }
        }
        #expect(error?.message.contains("need the 'policies' plugin") == true, "\(error?.message ?? "")")
    }
}
