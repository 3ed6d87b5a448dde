import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `/v1/rerank` with virtual keys, budgets, the spend log and metrics on a real SQLite store: a key's rerank is
/// logged with its cost (search units × the map's per-query price), counted in the key's spend and in
/// `tollgate_spend_usd_total`, and a key whose budget is spent is refused a rerank before any upstream call.
struct CohereRerankBudgetTests {
    static let master = CohereGatewayTests.masterKey

    @Test func rerankSpendIsLoggedCountedAndBudgeted() async throws {
        let perQuery = try #require(PriceTable().price(of: "rerank-v3.5")?.price.perQuery)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plugins = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/tollgate.db"}}, {"name": "master-key-auth"},
              {"name": "virtual-keys"}, {"name": "budgets"}, {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}},
              {"name": "prometheus"}, {"name": "model-management"}]}
            """
        try await CohereUpstream.withRunning { cohere, log in
            try await JinaUpstream.withRunning { jina, _ in
                try await TestGateway.withRunning(
                    config: CohereGatewayTests.config(cohere: cohere, jina: jina), plugins: plugins,
                    environment: CohereGatewayTests.environment.merging(["TOLLGATE_ENCRYPTION_KEY": "cohere-rerank-test-encryption-key-00000"]) { $1 }
                ) { gateway in
                    // /model/info shows the per-query price the deployment resolved to (the price map's).
                    let models = try await gateway.get("/model/info", key: Self.master)
                    let reranker = models.json?["data"]?.arrayValue?.first { $0["model_name"] == "rerank" }
                    #expect(reranker?["model_info"]?["input_cost_per_query"]?.doubleValue == perQuery, "\(models.body.prefix(300))")

                    let created = try await gateway.post(
                        "/key/generate", json: ["max_budget": .double(perQuery * 10), "key_alias": "ranker"], key: Self.master)
                    let secret = try #require(created.json?["key"]?.stringValue, "\(created.body)")
                    let hash = try #require(created.json?["token"]?.stringValue)
                    let body: JSON = ["model": "rerank", "query": "capital of France", "documents": CohereGatewayTests.documents]
                    let reply = try await gateway.post("/v1/rerank", json: body, key: secret)
                    #expect(reply.status == 200, "\(reply.body)")
                    let requestID = try #require(reply.header("x-request-id"))

                    let row = try await Self.spendRow(gateway, requestID: requestID)
                    #expect(row["call_type"] == "rerank")
                    #expect(row["status"] == "success")
                    #expect(abs((row["spend"]?.doubleValue ?? -1) - perQuery) < 1e-12, "\(row)")
                    let info = try await gateway.get("/key/info?key=\(hash)", key: Self.master)
                    #expect(abs((info.json?["info"]?["spend"]?.doubleValue ?? -1) - perQuery) < 1e-9, "\(info.body)")
                    let metrics = try await gateway.get("/metrics", key: Self.master)
                    #expect(metrics.body.contains(#"tollgate_spend_usd_total{"#), "\(metrics.body.prefix(400))")
                    #expect(
                        metrics.body.split(separator: "\n").contains { $0.hasPrefix("tollgate_requests_total{") && $0.contains(#"model="rerank""#) })

                    // A key limited to other models may not rerank with this one.
                    let chatOnly = try await gateway.post("/key/generate", json: ["models": ["command"]], key: Self.master)
                    let chatKey = try #require(chatOnly.json?["key"]?.stringValue)
                    let denied = try await gateway.post("/v1/rerank", json: body, key: chatKey)
                    #expect(denied.status == 403, "\(denied.body)")

                    // The budget spent: the next rerank is refused before it reaches Cohere.
                    let update = try await gateway.post(
                        "/key/update", json: ["key": .string(hash), "max_budget": .double(perQuery)], key: Self.master)
                    #expect(update.status == 200, "\(update.body)")
                    let calls = await log.calls.count
                    let refused = try await gateway.post("/v1/rerank", json: body, key: secret)
                    #expect(refused.status == 400, "\(refused.body)")
                    #expect(refused.body.contains("budget"), "\(refused.body)")
                    #expect(await log.calls.count == calls)
                }
            }
        }
    }

    static func spendRow(_ gateway: TestEndpoint, requestID: String) async throws -> JSON {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let row = try await gateway.get("/spend/logs?request_id=\(requestID)", key: master).json?[0] { return row }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no spend-log row for \(requestID)")
        return [:]
    }
}
