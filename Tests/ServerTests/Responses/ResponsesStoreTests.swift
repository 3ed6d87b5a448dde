import Foundation
import GatewayCore
import GatewayTesting
import OpenAIResponsesDialect
import Testing

/// Stored responses on both stores: `previous_response_id`, a function tool round trip, retrieval, deletion,
/// ownership, the spend log, and (Postgres) a conversation continued on another instance.
struct ResponsesStoreTests {
    @Test(arguments: KeyBackend.available)
    func previousResponseIDExpandsTheConversation(backend: KeyBackend) async throws {
        try await ResponsesGateway.run(backend) { gateways in
            let gateway = gateways[0]
            let key = try await gateway.key()
            let first = try await gateway.create(["model": "gpt-test", "instructions": "sys one", "input": "my name is Ada"], key: key)
            #expect(first.status == 200, "\(first.body)")
            #expect(first.json?["store"] == true)
            let firstID = try #require(first.json?["id"]?.stringValue)

            for model in ["gpt-test", "claude-test"] {
                let second = try await gateway.create(
                    ["model": .string(model), "input": "what is my name?", "previous_response_id": .string(firstID)], key: key)
                #expect(second.status == 200, "\(second.body)")
                #expect(second.json?["previous_response_id"] == .string(firstID))
                let sent = try #require(await gateway.upstream.last?.body)
                if model == "gpt-test" {
                    // The deployment that answered holds the conversation: the follow-up goes back to it, natively.
                    #expect(sent["previous_response_id"] == NativeResponseID(decoding: firstID).map { .string($0.upstreamID) })
                    #expect(sent["instructions"] == nil, "instructions are not carried over")
                } else {
                    // Another model: the stored conversation, translated.
                    #expect(
                        sent["messages"]
                            == [
                                ["role": "user", "content": "my name is Ada"], ["role": "assistant", "content": "upstream says: my name is Ada"],
                                ["role": "user", "content": "what is my name?"],
                            ], "instructions are not carried over")
                }
            }
        }
    }

    @Test(arguments: KeyBackend.available)
    func functionToolRoundTrip(backend: KeyBackend) async throws {
        try await ResponsesGateway.run(backend) { gateways in
            let gateway = gateways[0]
            let key = try await gateway.key()
            let tool: JSON = [
                "type": "function", "name": "get_weather", "parameters": ["type": "object", "properties": ["city": ["type": "string"]]],
            ]
            let first = try await gateway.create(["model": "openai-tool-call", "input": "weather in Paris?", "tools": [tool]], key: key)
            let call = try #require(first.json?["output"]?.arrayValue?.first { $0["type"] == "function_call" }, "\(first.body)")
            let callID = try #require(call["call_id"]?.stringValue)
            let output: JSON = ["type": "function_call_output", "call_id": .string(callID), "output": "sunny, 21C"]
            let second = try await gateway.create(
                ["model": "claude-test", "input": [output], "tools": [tool], "previous_response_id": first.json?["id"] ?? nil], key: key)
            #expect(second.status == 200, "\(second.body)")
            // The Anthropic upstream got the whole exchange: the question, the tool use, and its result.
            let sent = try #require(await gateway.upstream.last?.body["messages"]?.arrayValue)
            #expect(sent.count == 3, "\(sent)")
            #expect(sent[1]["content"]?.arrayValue?.contains { $0["type"] == "tool_use" && $0["id"] == .string(callID) } == true)
            #expect(sent[2]["content"]?.arrayValue?.contains { $0["type"] == "tool_result" && $0["tool_use_id"] == .string(callID) } == true)
        }
    }

    @Test(arguments: KeyBackend.available)
    func retrieveListDeleteAndOwnership(backend: KeyBackend) async throws {
        try await ResponsesGateway.run(backend) { gateways in
            let gateway = gateways[0]
            let owner = try await gateway.key(team: "team-a")
            let teammate = try await gateway.key(team: "team-a")
            let stranger = try await gateway.key(team: "team-b")
            let created = try await gateway.create(
                ["model": "gpt-test", "input": [["role": "user", "content": "one"], ["role": "user", "content": "two"]]], key: owner)
            let id = try #require(created.json?["id"]?.stringValue)

            let fetched = try await gateway.endpoint.get("/v1/responses/\(id)", key: teammate)
            #expect(fetched.status == 200, "\(fetched.body)")
            #expect(fetched.json == created.json)
            let items = try await gateway.endpoint.get("/v1/responses/\(id)/input_items?order=asc", key: owner)
            #expect(items.json?["object"] == "list")
            #expect(items.json?["data"]?.arrayValue?.compactMap { $0["content"]?[0]?["text"]?.stringValue } == ["one", "two"])
            #expect(items.json?["has_more"] == false)

            #expect(try await gateway.endpoint.get("/v1/responses/\(id)", key: stranger).status == 404)
            let continued = try await gateway.create(["model": "gpt-test", "input": "x", "previous_response_id": .string(id)], key: stranger)
            #expect(continued.status == 404, "another team's key cannot continue it")
            #expect(try await gateway.delete("/v1/responses/\(id)", key: stranger).status == 404)

            let deleted = try await gateway.delete("/v1/responses/\(id)", key: owner)
            #expect(deleted.json == ["id": .string(id), "object": "response", "deleted": true])
            #expect(try await gateway.endpoint.get("/v1/responses/\(id)", key: owner).status == 404)

            let unstored = try await gateway.create(["model": "gpt-test", "input": "x", "store": false], key: owner)
            #expect(unstored.json?["store"] == false)
            let unstoredID = try #require(unstored.json?["id"]?.stringValue)
            #expect(try await gateway.endpoint.get("/v1/responses/\(unstoredID)", key: owner).status == 404)
        }
    }

    @Test(arguments: KeyBackend.available)
    func streamedResponsesAreStoredAndSpendIsLogged(backend: KeyBackend) async throws {
        try await ResponsesGateway.run(backend) { gateways in
            let gateway = gateways[0]
            let key = try await gateway.key()
            let streamed = try await gateway.create(["model": "claude-test", "input": "remember me", "stream": true], key: key)
            let completed = try #require(streamed.events.last.flatMap { try? JSONParser.parse($0.data)["response"] })
            let id = try #require(completed["id"]?.stringValue)
            let fetched = try await gateway.endpoint.get("/v1/responses/\(id)", key: key)
            #expect(fetched.json?["output"] == completed["output"])
            var rows: [JSON] = []
            for _ in 0..<100 where rows.isEmpty {
                try await Task.sleep(for: .milliseconds(50))
                rows = (try await gateway.endpoint.get("/spend/logs", key: ResponsesGateway.master)).json?.arrayValue ?? []
            }
            #expect(rows.first?["call_type"] == "responses", "\(rows)")
        }
    }

    @Test(.enabled(if: KeyBackend.available.contains(.postgres), "needs TOLLGATE_TEST_POSTGRES_URL"))
    func aConversationContinuesOnAnotherInstance() async throws {
        try await ResponsesGateway.run(.postgres, instances: 2) { gateways in
            let key = try await gateways[0].key()
            let first = try await gateways[0].create(["model": "gpt-test", "input": "on instance one"], key: key)
            let id = try #require(first.json?["id"]?.stringValue)
            let second = try await gateways[1].create(["model": "gpt-test", "input": "on two", "previous_response_id": .string(id)], key: key)
            #expect(second.status == 200, "\(second.body)")
            #expect(second.json?["previous_response_id"] == .string(id))
            #expect(second.json?["output"]?[0]?["content"]?[0]?["text"] == "upstream says: on two (upstream recalls: on instance one)")
            // Translated (another model): the conversation stored by instance one.
            let third = try await gateways[1].create(["model": "claude-test", "input": "on two", "previous_response_id": .string(id)], key: key)
            #expect(third.status == 200, "\(third.body)")
            #expect(try await gateways[1].lastMessages().count == 3)
        }
    }
}
