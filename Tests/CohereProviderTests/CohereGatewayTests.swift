import GatewayCore
import GatewayTesting
import Testing

/// `cohere/` deployments and `/v1/rerank` through the whole gateway (config.yaml, the built-in providers, real HTTP on
/// loopback) against ``CohereUpstream`` and ``JinaUpstream``: chat plain, streamed and with tools, embeddings with
/// `input_type`, rerank routed to Cohere, Jina and an OpenAI-compatible (vLLM-style) server, a rerank fallback, the
/// cost of each call from the price map, and the refusals.
struct CohereGatewayTests {
    static let masterKey = "sk-test-master"
    static let environment = ["TEST_COHERE_KEY": CohereUpstream.apiKey, "TEST_JINA_KEY": JinaUpstream.apiKey]

    static func config(cohere: TestEndpoint, jina: TestEndpoint) -> String {
        func entry(_ name: String, _ model: String, extra: String = "") -> String {
            """
              - model_name: \(name)
                litellm_params:
                  model: cohere/\(model)
                  api_base: \(cohere.baseURL)
                  api_key: os.environ/TEST_COHERE_KEY
                  timeout: 15\(extra)
            """
        }
        return """
            model_list:
            \(entry("command", "command-a-03-2025"))
            \(entry("command-throttled", "command-throttled"))
            \(entry("embed", "embed-v4.0"))
            \(entry("rerank", "rerank-v3.5"))
            \(entry("rerank-broken", "rerank-broken"))
              - model_name: rerank-jina
                litellm_params:
                  model: jina_ai/jina-reranker-v2-base-multilingual
                  api_base: \(jina.baseURL)/v1
                  api_key: os.environ/TEST_JINA_KEY
                  input_cost_per_token: 0
                  input_cost_per_query: 0.001
              - model_name: rerank-vllm
                litellm_params:
                  model: hosted_vllm/BAAI/bge-reranker-v2-m3
                  api_base: \(jina.baseURL)
                  api_key: os.environ/TEST_JINA_KEY
                  input_cost_per_token: 0.000001
              - model_name: claude
                litellm_params:
                  model: anthropic/claude-sonnet-4-5
                  api_base: http://127.0.0.1:1
                  api_key: sk-unused
            router_settings:
              num_retries: 0
              fallbacks: [{rerank-broken: [rerank]}]
            general_settings:
              master_key: \(masterKey)
            """
    }

    /// Runs both stand-ins and a gateway with master-key auth in front of them.
    static func withGateway(_ body: (TestEndpoint, CohereUpstreamLog, CohereUpstreamLog) async throws -> Void) async throws {
        try await CohereUpstream.withRunning { cohere, cohereLog in
            try await JinaUpstream.withRunning { jina, jinaLog in
                try await TestGateway.withRunning(
                    config: config(cohere: cohere, jina: jina), plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#, environment: environment
                ) { gateway in try await body(gateway, cohereLog, jinaLog) }
            }
        }
    }

    static func cost(_ reply: TestEndpoint.Reply) -> Double? { reply.header("x-litellm-response-cost").flatMap(Double.init) }

    static let documents: JSON = ["Berlin is in Germany", "Paris is the capital of France", "Madrid is sunny"]

    @Test func chatPlainStreamedAndWithToolsPricedFromTheMap() async throws {
        let price = try #require(PriceTable().price(of: "command-a-03-2025")?.price, "the price map knows Cohere's Command A")
        let expected =
            Double(CohereUpstream.billedInputTokens) * price.inputPerToken + Double(CohereUpstream.billedOutputTokens) * price.outputPerToken
        try await Self.withGateway { gateway, log, _ in
            let plain = try await gateway.post(
                "/v1/chat/completions", json: ["model": "command", "messages": [["role": "user", "content": "Hi"]]], key: Self.masterKey)
            #expect(plain.status == 200, "\(plain.body)")
            #expect(plain.json?["choices"]?[0]?["message"]?["content"] == "cohere says: Hi")
            #expect(plain.json?["usage"]?["prompt_tokens"]?.intValue == CohereUpstream.billedInputTokens)
            #expect(abs((Self.cost(plain) ?? -1) - expected) < 1e-12, "\(plain.header("x-litellm-response-cost") ?? "no cost")")
            #expect(await log.calls.last?.body["model"] == "command-a-03-2025")

            let streamed = try await gateway.post(
                "/v1/chat/completions",
                json: [
                    "model": "command", "stream": true, "stream_options": ["include_usage": true],
                    "messages": [["role": "user", "content": "Hi there"]],
                ],
                key: Self.masterKey)
            #expect(streamed.status == 200)
            let chunks = streamed.eventData.compactMap { try? JSONParser.parse($0) }
            #expect(chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined() == "cohere says: Hi there")
            #expect(chunks.last?["usage"]?["completion_tokens"]?.intValue == CohereUpstream.billedOutputTokens)
            #expect(streamed.eventData.last == "[DONE]")
            // Cohere gets its own stream field and none of OpenAI's.
            #expect(await log.calls.last?.body["stream"] == true)
            #expect(await log.calls.last?.body["stream_options"] == nil)

            let tools: JSON = [["type": "function", "function": ["name": "get_weather", "parameters": ["type": "object"]]]]
            let call = try await gateway.post(
                "/v1/chat/completions", json: ["model": "command", "tools": tools, "messages": [["role": "user", "content": "Weather?"]]],
                key: Self.masterKey)
            let toolCall = try #require(call.json?["choices"]?[0]?["message"]?["tool_calls"]?[0])
            #expect(toolCall["function"]?["name"] == "get_weather")
            #expect(call.json?["choices"]?[0]?["finish_reason"] == "tool_calls")
            let answer = try await gateway.post(
                "/v1/chat/completions",
                json: [
                    "model": "command", "tools": tools,
                    "messages": [
                        ["role": "user", "content": "Weather?"],
                        ["role": "assistant", "content": nil, "tool_calls": [toolCall]],
                        ["role": "tool", "tool_call_id": toolCall["id"] ?? "", "content": "sunny"],
                    ],
                ], key: Self.masterKey)
            #expect(answer.json?["choices"]?[0]?["message"]?["content"] == "It is sunny in Paris.")
            #expect(await log.calls.last?.body["messages"]?[2]?["tool_call_id"] == toolCall["id"])

            let refused = try await gateway.post(
                "/v1/chat/completions", json: ["model": "command", "logprobs": true, "messages": [["role": "user", "content": "Hi"]]],
                key: Self.masterKey)
            #expect(refused.status == 400)
            #expect(refused.json?["error"]?["param"] == "logprobs")
            let throttled = try await gateway.post(
                "/v1/chat/completions", json: ["model": "command-throttled", "messages": [["role": "user", "content": "Hi"]]], key: Self.masterKey)
            #expect(throttled.status == 429)
            #expect(!throttled.body.contains(CohereUpstream.apiKey))
        }
    }

    @Test func embeddingsWithInputType() async throws {
        try await Self.withGateway { gateway, log, _ in
            let reply = try await gateway.post(
                "/v1/embeddings",
                json: ["model": "embed", "input": ["hello world", "hi"], "input_type": "search_query", "encoding_format": "float"],
                key: Self.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["data"]?.arrayValue?.count == 2)
            #expect(reply.json?["usage"]?["prompt_tokens"] == 3)
            let sent = try #require(await log.calls.last)
            #expect(sent.path == "/v2/embed")
            #expect(sent.body["input_type"] == "search_query")
            #expect(sent.body["texts"] == ["hello world", "hi"])
            let price = try #require(PriceTable().price(of: "cohere/embed-v4.0")?.price)
            #expect(abs((Self.cost(reply) ?? -1) - 3 * price.inputPerToken) < 1e-15)
        }
    }

    @Test func rerankIsRoutedToCohereJinaAndVLLMAndPricedPerSearchUnit() async throws {
        let perQuery = try #require(PriceTable().price(of: "rerank-v3.5")?.price.perQuery, "the price map prices Cohere rerank per query")
        try await Self.withGateway { gateway, cohereLog, jinaLog in
            for path in ["/v1/rerank", "/rerank", "/v2/rerank"] {
                let reply = try await gateway.post(
                    path, json: ["model": "rerank", "query": "capital of France", "documents": Self.documents, "top_n": 2, "return_documents": true],
                    key: Self.masterKey)
                #expect(reply.status == 200, "\(path): \(reply.body)")
                #expect(reply.json?["results"]?.arrayValue?.count == 2)
                #expect(reply.json?["results"]?[0]?["index"] == 1)
                #expect(reply.json?["results"]?[0]?["document"]?["text"] == "Paris is the capital of France")
                #expect(reply.json?["meta"]?["billed_units"]?["search_units"] == 1)
                #expect(abs((Self.cost(reply) ?? -1) - perQuery) < 1e-12)
            }
            #expect(await cohereLog.calls.last?.path == "/v2/rerank")
            #expect(await cohereLog.calls.last?.body["model"] == "rerank-v3.5")

            // 150 documents are two search units.
            let many = JSON.array((0..<150).map { .string("document \($0)") })
            let twoUnits = try await gateway.post(
                "/v1/rerank", json: ["model": "rerank", "query": "document 7", "documents": many], key: Self.masterKey)
            #expect(twoUnits.json?["meta"]?["billed_units"]?["search_units"] == 2)
            #expect(abs((Self.cost(twoUnits) ?? -1) - 2 * perQuery) < 1e-12)

            let jina = try await gateway.post(
                "/v1/rerank", json: ["model": "rerank-jina", "query": "capital of France", "documents": Self.documents, "top_n": 1],
                key: Self.masterKey)
            #expect(jina.status == 200, "\(jina.body)")
            #expect(jina.json?["results"]?[0]?["index"] == 1)
            #expect(jina.json?["results"]?[0]?["document"] == nil, "documents only when asked for")
            #expect(abs((Self.cost(jina) ?? -1) - 0.001) < 1e-12, "one query at the deployment's input_cost_per_query")
            let sentToJina = try #require(await jinaLog.calls.last)
            #expect(sentToJina.path == "/v1/rerank")
            #expect(sentToJina.body["model"] == "jina-reranker-v2-base-multilingual")

            let vllm = try await gateway.post(
                "/rerank", json: ["model": "rerank-vllm", "query": "sunny", "documents": Self.documents, "metadata": ["tags": ["x"]]],
                key: Self.masterKey)
            #expect(vllm.status == 200, "\(vllm.body)")
            #expect(vllm.json?["results"]?[0]?["index"] == 2)
            let tokens = try #require(vllm.json?["meta"]?["billed_units"]?["total_tokens"]?.intValue)
            #expect(abs((Self.cost(vllm) ?? -1) - Double(tokens) * 0.000001) < 1e-12)
            #expect(await jinaLog.calls.last?.body["metadata"] == nil, "the gateway's own fields stay home")

            // A failing rerank deployment falls back to the group's fallback.
            let fellBack = try await gateway.post(
                "/v1/rerank", json: ["model": "rerank-broken", "query": "France", "documents": Self.documents], key: Self.masterKey)
            #expect(fellBack.status == 200, "\(fellBack.body)")
            #expect(await cohereLog.calls.suffix(2).map { $0.body["model"]?.stringValue } == ["rerank-broken", "rerank-v3.5"])
        }
    }

    @Test func guardrailsCheckARerankQuery() async throws {
        let plugins = """
            {"plugins": [{"name": "master-key-auth"}, {"name": "guardrails", "config": {"guardrails": [
              {"name": "no-pii", "kind": "pii", "mode": "pre_call", "default_on": true, "action": "mask", "entities": ["email"]},
              {"name": "words", "kind": "keywords", "keywords": ["project falcon"], "default_on": true}]}}]}
            """
        try await CohereUpstream.withRunning { cohere, log in
            try await JinaUpstream.withRunning { jina, _ in
                try await TestGateway.withRunning(config: Self.config(cohere: cohere, jina: jina), plugins: plugins, environment: Self.environment) {
                    gateway in
                    let masked = try await gateway.post(
                        "/v1/rerank", json: ["model": "rerank", "query": "mail bob@example.com about France", "documents": Self.documents],
                        key: Self.masterKey)
                    #expect(masked.status == 200, "\(masked.body)")
                    let query = try #require(await log.calls.last?.body["query"]?.stringValue)
                    #expect(!query.contains("bob@example.com") && query.hasSuffix("about France"), "\(query)")
                    let calls = await log.calls.count
                    let blocked = try await gateway.post(
                        "/v1/rerank", json: ["model": "rerank", "query": "news of Project Falcon", "documents": Self.documents], key: Self.masterKey)
                    #expect(blocked.status == 400, "\(blocked.body)")
                    #expect(await log.calls.count == calls)
                }
            }
        }
    }

    @Test func rerankRefusals() async throws {
        try await Self.withGateway { gateway, _, _ in
            let chatOnly = try await gateway.post("/v1/rerank", json: ["model": "claude", "query": "q", "documents": ["a"]], key: Self.masterKey)
            #expect(chatOnly.status == 400)
            #expect(chatOnly.json?["error"]?["param"] == "model")
            let noQuery = try await gateway.post("/v1/rerank", json: ["model": "rerank", "documents": ["a"]], key: Self.masterKey)
            #expect(noQuery.status == 400)
            #expect(noQuery.json?["error"]?["param"] == "query")
            let noDocuments = try await gateway.post("/v1/rerank", json: ["model": "rerank", "query": "q", "documents": []], key: Self.masterKey)
            #expect(noDocuments.json?["error"]?["param"] == "documents")
            let unknownField = try await gateway.post(
                "/v1/rerank", json: ["model": "rerank", "query": "q", "documents": ["a"], "max_chunks_per_doc": 2], key: Self.masterKey)
            #expect(unknownField.status == 400)
            #expect(unknownField.json?["error"]?["param"] == "max_chunks_per_doc")
            let streamed = try await gateway.post(
                "/v1/rerank", json: ["model": "rerank", "query": "q", "documents": ["a"], "stream": true], key: Self.masterKey)
            #expect(streamed.json?["error"]?["param"] == "stream")
            let badKey = try await gateway.post("/v1/rerank", json: ["model": "rerank", "query": "q", "documents": ["a"]], key: "sk-wrong")
            #expect(badKey.status == 401)
            let unknownModel = try await gateway.post("/v1/rerank", json: ["model": "nope", "query": "q", "documents": ["a"]], key: Self.masterKey)
            #expect(unknownModel.status == 404)
        }
    }
}
