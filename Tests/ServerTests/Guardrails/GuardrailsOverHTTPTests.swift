import GatewayCore
import GatewayTesting
import Testing

/// The guardrails plugin end to end: blocks, masks, streams, selection and permissions over HTTP.
struct GuardrailsOverHTTPTests {
    let master = GatewayFixture.masterKey
    typealias Fixture = GuardrailsGateway

    @Test func preCallBlockIsA400WithTheHeader() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "please Open Sesame now"), key: master)
            #expect(reply.status == 400)
            #expect(reply.error?["type"] == "guardrail_violation")
            #expect(reply.error?["code"] == "guardrail_violation")
            #expect(reply.error?["message"] == "Blocked by guardrail 'no-sesame': the text contains a blocked keyword.")
            #expect(reply.header("x-tollgate-guardrails") == Fixture.allDefault)
            #expect(await recorder.calls.isEmpty)
        }
    }

    @Test func preCallMaskReachesTheUpstreamMasked() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "mail bob@example.com today"), key: master)
            #expect(reply.status == 200)
            #expect(reply.header("x-tollgate-guardrails") == Fixture.allDefault)
            #expect(await recorder.last?.body["messages"]?[0]?["content"] == "mail [EMAIL] today")
            #expect(reply.json?["choices"]?[0]?["message"]?["content"] == "upstream says: mail [EMAIL] today")
        }
    }

    @Test func postCallBlocksACompleteResponse() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "the launch codes"), key: master)
            #expect(reply.status == 400)
            #expect(reply.error?["message"] == "Blocked by guardrail 'no-launch-codes': the text contains a blocked keyword.")
            #expect(await recorder.calls.count == 1)
        }
    }

    @Test(arguments: ["gpt-test", "openai-slow-stream"])
    func postCallEndsAStreamWithAnErrorEvent(model: String) async throws {
        try await Fixture.withGateway { gateway, _ in
            // The upstream streams word by word, so "launch " and "codes " arrive in separate chunks.
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat(model, "the launch codes", stream: true), key: master)
            #expect(reply.status == 200)
            #expect(reply.header("x-tollgate-guardrails") == Fixture.allDefault)
            let data = reply.eventData
            #expect(!data.contains("[DONE]"))
            let last = try JSONParser.parse(try #require(data.last))
            #expect(last["error"]?["type"] == "guardrail_violation", "\(reply.body)")
            #expect(last["error"]?["message"]?.stringValue?.contains("split across stream chunks") == true)
            // The chunk that completed the match never reached the client.
            let sent = data.dropLast().compactMap { try? JSONParser.parse($0) }.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }
            #expect(sent.contains("launch "))
            #expect(!sent.contains { $0.contains("codes") })
        }
    }

    @Test func aStreamWithoutMatchesPassesUntouched() async throws {
        try await Fixture.withGateway { gateway, _ in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "launch the boat", stream: true), key: master)
            #expect(reply.status == 200)
            #expect(reply.eventData.last == "[DONE]")
        }
    }

    @Test func aKeysGuardrailRunsForThatKeyOnly() async throws {
        try await Fixture.withGateway { gateway, _ in
            let strict = try await Fixture.key(gateway, ["guardrails": ["no-ssn"]])
            let plain = try await Fixture.key(gateway)
            let body = GatewayFixture.chat("gpt-test", "my ssn is 123-45-6789")
            let blocked = try await gateway.post("/v1/chat/completions", json: body, key: strict)
            #expect(blocked.status == 400)
            #expect(blocked.error?["message"] == "Blocked by guardrail 'no-ssn': the text contains us ssn.")
            #expect(blocked.header("x-tollgate-guardrails") == "no-sesame,mask-email,no-launch-codes,no-ssn")
            #expect(try await gateway.post("/v1/chat/completions", json: body, key: plain).status == 200)
        }
    }

    @Test func aRequestAsksForGuardrailsByName() async throws {
        try await Fixture.withGateway { gateway, recorder in
            var asking = GatewayFixture.chat("gpt-test", "a banana")
            asking["metadata"] = ["guardrails": ["no-banana"]]
            #expect(try await gateway.post("/v1/chat/completions", json: asking, key: master).status == 400)

            var passing = GatewayFixture.chat("gpt-test", "an apple")
            passing["guardrails"] = ["no-banana"]
            let reply = try await gateway.post("/v1/chat/completions", json: passing, key: master)
            #expect(reply.status == 200)
            #expect(reply.header("x-tollgate-guardrails") == "no-sesame,mask-email,no-launch-codes,no-banana")
            #expect(await recorder.last?.body["guardrails"] == nil)

            var unknown = GatewayFixture.chat("gpt-test", "hi")
            unknown["guardrails"] = ["no-such-guardrail"]
            let rejected = try await gateway.post("/v1/chat/completions", json: unknown, key: master)
            #expect(rejected.status == 400)
            #expect(rejected.error?["code"] == "unknown_guardrail")
        }
    }

    @Test func switchingOffATeamGuardrailNeedsPermission() async throws {
        try await Fixture.withGateway { gateway, recorder in
            for (team, allowed) in [("locked", false), ("trusted", true)] {
                var metadata: JSON = ["guardrails": ["no-ssn"]]
                if allowed { metadata["allow_modify_guardrails"] = true }
                let created = try await gateway.post("/team/new", json: ["team_id": .string(team), "metadata": metadata], key: master)
                #expect(created.status == 200, "\(created.body)")
            }
            let locked = try await Fixture.key(gateway, ["team_id": "locked"])
            let trusted = try await Fixture.key(gateway, ["team_id": "trusted"])
            var body = GatewayFixture.chat("gpt-test", "ssn 123-45-6789")
            #expect(try await gateway.post("/v1/chat/completions", json: body, key: locked).status == 400)

            body["disable_guardrails"] = ["no-ssn"]
            let denied = try await gateway.post("/v1/chat/completions", json: body, key: locked)
            #expect(denied.status == 403)
            #expect(denied.error?["code"] == "guardrail_modification_not_allowed")

            let allowed = try await gateway.post("/v1/chat/completions", json: body, key: trusted)
            #expect(allowed.status == 200, "\(allowed.body)")
            #expect(allowed.header("x-tollgate-guardrails") == Fixture.allDefault)
            #expect(await recorder.last?.body["disable_guardrails"] == nil)
        }
    }
}
