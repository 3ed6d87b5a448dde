import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// `GET`, `DELETE` and `input_items` of a response an OpenAI deployment created and the gateway did not store (no
/// storage plugin here) go to that deployment, with the upstream's id; the answer names the response as the client
/// knows it. A caller not allowed the deployment's model is refused. (The test upstream, as OpenAI, keeps no response
/// created with `store: false`: asking for one is the upstream's 404.)
struct ResponsesUpstreamRetrievalTests {
    @Test func anUnstoredNativeResponseIsRetrievedListedAndDeletedUpstream() async throws {
        try await GatewayFixture.withGateway { gateway, upstream in
            let key = GatewayFixture.masterKey
            let created = try await gateway.post("/v1/responses", json: ["model": "gpt-test", "input": "remember me"], key: key)
            #expect(created.status == 200, "\(created.body)")
            let id = try #require(created.json?["id"]?.stringValue)

            let retrieved = try await gateway.get("/v1/responses/\(id)", key: key)
            #expect(retrieved.status == 200, "\(retrieved.body)")
            #expect(retrieved.json?["id"]?.stringValue == id, "the id as the client knows it")
            #expect(retrieved.json?["output"]?[0]?["content"]?[0]?["text"] == "upstream says: remember me")
            let getCall = try #require(await upstream.last)
            #expect(getCall.path.hasPrefix("/v1/responses/resp_") && !getCall.path.hasSuffix(id), "the upstream's own id: \(getCall.path)")
            #expect(getCall.headers["authorization"] == "Bearer \(GatewayFixture.upstreamKey)")

            let items = try await gateway.get("/v1/responses/\(id)/input_items?limit=5", key: key)
            #expect(items.status == 200, "\(items.body)")
            #expect(items.json?["data"]?[0]?["content"]?[0]?["text"] == "remember me")

            let deleted = try await gateway.request(.DELETE, "/v1/responses/\(id)", headers: ["authorization": "Bearer \(key)"])
            #expect(deleted.status == 200, "\(deleted.body)")
            #expect(deleted.json?["id"]?.stringValue == id && deleted.json?["deleted"] == true)
            let gone = try await gateway.get("/v1/responses/\(id)", key: key)
            #expect(gone.status == 404, "the upstream's 404: \(gone.body)")
            #expect(gone.error?["message"]?.stringValue?.contains(GatewayFixture.upstreamKey) == false)
        }
    }

    @Test(arguments: KeyBackend.available)
    func aCallerNotAllowedTheModelIsRefused(_ backend: KeyBackend) async throws {
        try await ResponsesGateway.run(backend) { gateways in
            let gateway = try #require(gateways.first)
            let created = try await gateway.create(["model": "gpt-test", "input": "private", "store": false])
            let id = try #require(created.json?["id"]?.stringValue, "\(created.body)")
            let reply = try await gateway.endpoint.post("/key/generate", json: ["models": ["claude-test"]], key: ResponsesGateway.master)
            let other = try #require(reply.json?["key"]?.stringValue, "\(reply.body)")
            let calls = await gateway.upstream.calls.count
            let refused = try await gateway.endpoint.get("/v1/responses/\(id)", key: other)
            #expect(refused.status == 401 || refused.status == 403, "\(refused.body)")
            #expect(await gateway.upstream.calls.count == calls, "nothing reached the upstream")
            let unkept = try await gateway.endpoint.get("/v1/responses/\(id)", key: ResponsesGateway.master)
            #expect(unkept.status == 404, "created with store: false, kept nowhere: \(unkept.body)")
            #expect(await gateway.upstream.calls.count == calls + 1, "the master key was allowed to ask the upstream")
        }
    }
}
