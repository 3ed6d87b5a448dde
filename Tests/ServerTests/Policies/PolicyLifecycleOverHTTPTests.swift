import GatewayCore
import GatewayTesting
import Testing

/// The policy engine end to end on both stores: a policy's versions going draft → published → production, what
/// each step changes for live requests, and the endpoints' refusals.
struct PolicyLifecycleOverHTTPTests {
    @Test(arguments: KeyBackend.available)
    func versionsMoveThroughTheirLifecycleAndRequestsFollowProduction(_ backend: KeyBackend) async throws {
        try await PolicyGateway.run(backend) { gateway in
            #expect(try await gateway.chat("a banana").status == 200, "no policy yet")
            let first = try await gateway.createPolicy("baseline", add: ["no-banana"], extra: ["description": "v1"])
            #expect(try await gateway.chat("a banana").status == 200, "not attached yet")
            #expect(try await gateway.attach(["policy_name": "baseline", "scope": "*"]).status == 200)

            let blocked = try await gateway.chat("a banana")
            #expect(blocked.status == 400)
            #expect(blocked.errorType == "guardrail_violation")
            #expect(blocked.header("x-tollgate-policies") == "baseline")
            #expect(blocked.header("x-tollgate-guardrails") == "no-banana")
            #expect(try await gateway.chat("ssn 123-45-6789").status == 200, "v1 does not check SSNs")

            // A new version is a draft copied from production; only drafts are editable; draft → production is refused.
            let second = try await gateway.newVersion("baseline")
            let edited = try await gateway.put("/policies/\(second)", ["guardrails_add": ["no-banana", "no-ssn"], "description": "v2"])
            #expect(edited.status == 200, "\(edited.body)")
            #expect(edited.json?["version_number"] == 2)
            #expect(edited.json?["version_status"] == "draft")
            let skip = try await gateway.setStatus(second, "production")
            #expect(skip.status == 400)
            #expect(skip.json?["error"]?["code"] == "invalid_policy_transition")
            #expect(try await gateway.put("/policies/\(first)", ["description": "edit production"]).status == 400)
            #expect(try await gateway.chat("ssn 123-45-6789").status == 200, "a draft changes nothing")

            #expect(try await gateway.setStatus(second, "published").status == 200)
            #expect(try await gateway.chat("ssn 123-45-6789").status == 200, "a published version changes nothing")
            let published = try await gateway.get("/policies/list?version_status=published")
            #expect(published.json?["policies"]?.arrayValue?.compactMap { $0["policy_id"]?.stringValue } == [second])
            let invalid = try await gateway.get("/policies/list?version_status=live")
            #expect(invalid.status == 400)
            #expect(invalid.json?["error"]?["param"] == "version_status")

            let promoted = try await gateway.setStatus(second, "production")
            #expect(promoted.json?["version_status"] == "production", "\(promoted.body)")
            #expect(try await gateway.get("/policies/\(first)").json?["version_status"] == "published", "the old production is demoted")
            #expect(try await gateway.chat("ssn 123-45-6789").status == 400, "production now checks SSNs")
            #expect(try await gateway.chat("a banana").status == 400)

            let comparison = try await gateway.get("/policies/compare?version_a=\(first)&version_b=\(second)")
            #expect(comparison.json?["differences"]?["guardrails_added"] == ["no-ssn"], "\(comparison.body)")
            #expect(comparison.json?["differences"]?["fields"]?["description"]?["version_b"] == "v2")
            let versions = try await gateway.get("/policies/name/baseline/versions")
            #expect(versions.json?["versions"]?.arrayValue?.compactMap { $0["version_number"]?.intValue } == [2, 1])

            // Deleting the production version leaves the policy inactive, with a warning; deleting every version
            // takes its attachments too.
            let deleted = try await gateway.delete("/policies/\(second)")
            #expect(deleted.json?["warning"] != nil, "\(deleted.body)")
            #expect(try await gateway.chat("a banana").status == 200, "no production version: the policy applies to nothing")
            #expect(try await gateway.get("/policies/\(second)").status == 404)
            let all = try await gateway.delete("/policies/name/baseline/all-versions")
            #expect(all.json?["attachments_deleted"] == 1, "\(all.body)")
            #expect(try await gateway.get("/policies/name/baseline/versions").status == 404)
            #expect(try await gateway.get("/policies/attachments/list").json?["total_count"] == 0)
        }
    }

    @Test(arguments: KeyBackend.available)
    func attachmentsNeedAProductionVersionAndScopeWhatTheyApplyTo(_ backend: KeyBackend) async throws {
        try await PolicyGateway.run(backend) { gateway in
            let unknown = try await gateway.attach(["policy_name": "nothing", "scope": "*"])
            #expect(unknown.status == 400)
            #expect(unknown.json?["error"]?["code"] == "policy_not_in_production")
            let id = try await gateway.createPolicy("retired", add: ["no-banana"])
            #expect(try await gateway.setStatus(id, "published").status == 200, "production → published demotes")
            #expect(try await gateway.attach(["policy_name": "retired", "scope": "*"]).json?["error"]?["code"] == "policy_not_in_production")
            #expect(try await gateway.attach(["policy_name": "retired"]).status == 400, "an attachment needs a scope")

            try await gateway.createPolicy("team-policy", add: ["no-banana"])
            try await gateway.createPolicy("model-policy", add: ["no-ssn"])
            try await gateway.createPolicy("tag-policy", add: ["mask-email"])
            try await gateway.keys.createTeam("research")
            let teamAttachment = try await gateway.attach(["policy_name": "team-policy", "teams": ["research"]])
            #expect(teamAttachment.status == 200, "\(teamAttachment.body)")
            #expect(try await gateway.attach(["policy_name": "model-policy", "models": ["claude-*"]]).status == 200)
            #expect(try await gateway.attach(["policy_name": "tag-policy", "tags": ["customer-data"], "keys": ["support-*"]]).status == 200)

            let teamKey = try await gateway.keys.generate(["team_id": "research"]).secret
            let otherKey = try await gateway.keys.generate().secret
            let supportKey = try await gateway.keys.generate(["key_alias": "support-bot", "metadata": ["tags": ["customer-data"]]]).secret
            #expect(try await gateway.chat("a banana", key: teamKey).status == 400)
            #expect(try await gateway.chat("a banana", key: otherKey).status == 200)
            #expect(try await gateway.chat("ssn 123-45-6789", key: otherKey, model: "claude-test").status == 400)
            #expect(try await gateway.chat("ssn 123-45-6789", key: otherKey).status == 200)
            let masked = try await gateway.chat("write to ada@example.com", key: supportKey)
            #expect(masked.json?["choices"]?[0]?["message"]?["content"] == "upstream says: write to [EMAIL]", "\(masked.body)")
            #expect(masked.header("x-tollgate-policies") == "tag-policy")

            let resolved = try await gateway.resolve(["team_id": "research", "model": "claude-3-opus"])
            #expect(resolved["policies"] == ["team-policy", "model-policy"], "\(resolved)")
            #expect(resolved["guardrails"] == ["no-banana", "no-ssn"])
            #expect(try await gateway.resolve(["key_alias": "support-bot", "tags": ["customer-data"]])["guardrails"] == ["mask-email"])
            #expect(try await gateway.resolve(["key_alias": "support-bot"])["guardrails"] == [], "both the key and the tag must match")

            let list = try await gateway.get("/policies/attachments/list")
            #expect(list.json?["total_count"] == 3)
            let attachmentID = try #require(teamAttachment.json?["attachment_id"]?.stringValue)
            #expect(try await gateway.get("/policies/attachments/\(attachmentID)").json?["teams"] == ["research"])
            #expect(try await gateway.delete("/policies/attachments/\(attachmentID)").status == 200)
            #expect(try await gateway.chat("a banana", key: teamKey).status == 200, "the detached policy no longer applies")
            #expect(try await gateway.get("/policies/attachments/\(attachmentID)").status == 404)
        }
    }

    @Test(arguments: KeyBackend.available)
    func policyWritesNeedAnAdminAndNameKnownGuardrails(_ backend: KeyBackend) async throws {
        try await PolicyGateway.run(backend) { gateway in
            let key = try await gateway.keys.generate().secret
            let denied = try await gateway.keys.endpoint.post("/policies", json: ["policy_name": "x", "guardrails_add": ["no-banana"]], key: key)
            #expect(denied.status == 403 || denied.status == 401, "\(denied.body)")
            let typo = try await gateway.post("/policies", ["policy_name": "x", "guardrails_add": ["no-bananas"]])
            #expect(typo.status == 400)
            #expect(typo.json?["error"]?["code"] == "unknown_guardrail")
            try await gateway.createPolicy("x", add: ["no-banana"])
            let taken = try await gateway.post("/policies", ["policy_name": "x", "guardrails_add": ["no-ssn"]])
            #expect(taken.status == 409, "\(taken.body)")
        }
    }
}
