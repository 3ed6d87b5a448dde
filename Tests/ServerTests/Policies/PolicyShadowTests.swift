import GatewayCore
import GatewayTesting
import Testing

/// Shadow mode: a published version runs beside production on live traffic and records what it would have done
/// (in the spend log's `metadata.shadow_guardrails`) without blocking or changing anything.
struct PolicyShadowTests {
    @Test(arguments: KeyBackend.available)
    func aShadowVersionLogsWhatItWouldHaveBlockedWithoutBlocking(_ backend: KeyBackend) async throws {
        try await PolicyGateway.run(backend) { gateway in
            try await gateway.createPolicy("candidate", add: ["no-banana"])
            #expect(try await gateway.attach(["policy_name": "candidate", "scope": "*"]).status == 200)
            let next = try await gateway.newVersion("candidate", ["guardrails_add": ["no-banana", "no-ssn", "mask-email", "no-launch-codes"]])
            let onDraft = try await gateway.put("/policies/\(next)/shadow", ["enabled": true])
            #expect(onDraft.status == 400, "only a published version can run in shadow mode")
            #expect(try await gateway.setStatus(next, "published").status == 200)
            let shadowOn = try await gateway.put("/policies/\(next)/shadow", ["enabled": true])
            #expect(shadowOn.json?["shadow"] == true, "\(shadowOn.body)")

            let resolved = try await gateway.resolve([:])
            #expect(resolved["guardrails"] == ["no-banana"])
            #expect(
                resolved["shadow_guardrails"]?.arrayValue?.compactMap { $0["guardrail"]?.stringValue } == ["no-ssn", "mask-email", "no-launch-codes"])

            // Would block (pre-call) and would mask, but neither happens.
            let reply = try await gateway.chat("ssn 123-45-6789, mail ada@example.com")
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["choices"]?[0]?["message"]?["content"] == "upstream says: ssn 123-45-6789, mail ada@example.com")
            let requestID = try #require(reply.header("x-request-id"))
            let shadow = try await gateway.spendLogRow(requestID: requestID)["metadata"]?["shadow_guardrails"]?.arrayValue ?? []
            #expect(shadow.contains { $0["guardrail"] == "no-ssn" && $0["action"] == "block" && $0["policy"] == "candidate" }, "\(shadow)")
            #expect(shadow.contains { $0["guardrail"] == "mask-email" && $0["action"] == "mask" }, "\(shadow)")

            // Post-call, on a complete answer and on a stream (checked on each choice's whole text).
            for stream in [false, true] {
                let answer = try await gateway.chat("the launch codes", stream: stream)
                #expect(answer.status == 200)
                let id = try #require(answer.header("x-request-id"))
                let recorded = try await gateway.spendLogRow(requestID: id)["metadata"]?["shadow_guardrails"]?.arrayValue ?? []
                #expect(
                    recorded.contains { $0["guardrail"] == "no-launch-codes" && $0["mode"] == "post_call" && $0["action"] == "block" },
                    "stream \(stream): \(recorded)")
            }
            // Production still blocks as before.
            #expect(try await gateway.chat("a banana").status == 400)

            // Promotion ends shadow mode: the version now enforces.
            let promoted = try await gateway.setStatus(next, "production")
            #expect(promoted.json?["shadow"] == false)
            #expect(try await gateway.chat("ssn 123-45-6789").status == 400)
            #expect(try await gateway.resolve([:])["shadow_guardrails"] == [])
        }
    }
}
