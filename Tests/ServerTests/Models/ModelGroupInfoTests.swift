import GatewayCore
import GatewayTesting
import Testing

/// LiteLLM's `/model_group/info` and `/v2/model/info` over HTTP: one entry per public name with its providers,
/// limits, costs and summed rpm/tpm; the v2 list in pages; both narrowed to what the caller may use.
@Suite struct ModelGroupInfoTests {
    @Test func groupsSummariseTheirDeploymentsAndPagesCountRight() async throws {
        try await ModelDatabase.with(.sqlite) { database in
            try await ModelTestGateway.run(database) { gateway in
                for index in 0..<2 {
                    var model = gateway.newModel(
                        "pooled", upstreamModel: "echo-\(index)",
                        info: ["max_tokens": .int(8000 + index), "supports_vision": .bool(index == 1), "input_cost_per_token": 0.000001])
                    model["litellm_params"]?["rpm"] = .int(100)
                    #expect(try await gateway.post("/model/new", model).status == 200)
                }
                let groups = try await gateway.get("/model_group/info")
                #expect(groups.status == 200, "\(groups.body)")
                let pooled = try #require(groups.json?["data"]?.arrayValue?.first { $0["model_group"] == "pooled" }, "\(groups.body)")
                #expect(pooled["providers"] == ["openai"])
                #expect(pooled["rpm"] == 200)
                #expect(pooled["tpm"] == .null, "a deployment without tpm makes the group's unlimited")
                #expect(pooled["max_input_tokens"] == 8000)
                #expect(pooled["supports_vision"] == true)
                #expect(pooled["supports_function_calling"] == false)
                #expect(pooled["mode"] == "chat")
                #expect(pooled["input_cost_per_token"]?.doubleValue == 0.000001)

                let one = try await gateway.get("/model_group/info?model_group=pooled")
                #expect(one.json?["data"]?.arrayValue?.count == 1)
                #expect(try await gateway.get("/model_group/info?model_group=nope").status == 404)

                // A key for `pooled` sees that group only.
                let key = try #require(try await gateway.post("/key/generate", ["models": ["pooled"]]).json?["key"]?.stringValue)
                let seen = try await gateway.get("/model_group/info", key: key).json?["data"]?.arrayValue ?? []
                #expect(seen.map { $0["model_group"] } == ["pooled"])

                let all = try await gateway.get("/v1/model/info").json?["data"]?.arrayValue?.count ?? 0
                #expect(all >= 3)
                let first = try await gateway.get("/v2/model/info?page=1&size=2")
                #expect(first.json?["data"]?.arrayValue?.count == 2, "\(first.body)")
                #expect(first.json?["total_count"] == .int(all))
                #expect(first.json?["total_pages"] == .int((all + 1) / 2))
                #expect(try await gateway.get("/v2/model/info?search=POOL").json?["total_count"] == 2)
                #expect(try await gateway.get("/v2/model/info?size=0").status == 400)
                #expect(try await gateway.get("/v2/model/info?page=99999999999999999999").status == 400)
            }
        }
    }
}
