import Testing

@testable import GatewayCore

/// The most a request can cost before it is sent: estimated input plus the output it may be billed for.
struct CostCeilingTests {
    /// 0.001 USD per input token, 0.01 per output token, no known limits.
    static let plain = Deployment(
        id: "d", modelName: "m", provider: "openai", upstreamModel: "unknown-model", inputCostPerToken: 0.001, outputCostPerToken: 0.01)

    static func ceiling(_ body: JSON, _ operation: UpstreamOperation = .chatCompletions) -> CostCeiling {
        CostCeiling(body: body, operation: operation)
    }

    @Test func inputIsEstimatedFromTextTokenIDsAndToolDefinitions() {
        // "user" and "12345678": 3 tokens, plus 3 framing the message and 3 priming the reply.
        #expect(Self.ceiling(["messages": [["role": "user", "content": "12345678"]]]).inputTokens == 9)
        #expect(Self.ceiling(["prompt": [1, 2, 3]], .completions).inputTokens == 3, "token ids count as sent")
        #expect(Self.ceiling(["input": [[1, 2], [3, 4, 5]]], .embeddings).inputTokens == 5)
        let tools: JSON = [["type": "function", "function": ["name": "get_weather"]]]
        let withTools = Self.ceiling(["messages": [["role": "user", "content": "12345678"]], "tools": tools])
        #expect(withTools.inputTokens == 9 + TokenEstimator.tokens(characters: tools.serializedString().count))
    }

    @Test("characters counted eight bytes at a time are the text's Unicode scalars, at any length and alignment")
    func charactersMatchScalarCount() {
        let pieces = ["a", "é", "€", "😀", "👨‍👩‍👧", "e\u{301}", " ", "\u{7F}", "\u{80}"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(TokenEstimator.characters(text) == text.unicodeScalars.count, "\(text.utf8.count) bytes")
        }
    }

    @Test("characters are Unicode scalars: a family emoji is five, an accent written as a combining mark two")
    func charactersAreUnicodeScalars() {
        #expect(TokenEstimator.characters("👨‍👩‍👧") == 5)
        #expect(TokenEstimator.characters("e\u{301}") == 2)
        #expect(TokenEstimator.characters("héllo") == 5)
        // "user" (4) and twenty family emoji (100 scalars): 26 tokens, plus 3 framing the message and 3 priming the reply.
        let emoji = String(repeating: "👨‍👩‍👧", count: 20)
        #expect(TokenEstimator.promptTokens(["messages": [["role": "user", "content": .string(emoji)]]]) == 3 + 26 + 3)
    }

    @Test func shortPromptsCountTheChatFormatsFraming() {
        // OpenAI's count for these messages on gpt-4o: 3 per message, the role, the content, 1 for a name, 3 for the reply.
        let messages: JSON = [
            ["role": "system", "content": "You are terse."], ["role": "user", "name": "ana", "content": "hi"],
            ["role": "assistant", "tool_calls": [["id": "c1", "type": "function", "function": ["name": "f", "arguments": "{\"a\":1}"]]]],
        ]
        // system + "You are terse." = 20 characters: 5; user + "hi": 2, name: 1 + 1; assistant + arguments (7): 4.
        #expect(TokenEstimator.promptTokens(["messages": messages]) == 3 + (3 + 5) + (3 + 2 + 2) + (3 + 4))
        #expect(TokenEstimator.promptTokens(["prompt": "12345678"]) == 2, "no framing outside chat messages")
    }

    @Test func outputIsTheRequestsCapTimesItsChoices() {
        let body: JSON = ["messages": [["role": "user", "content": "1234"]], "max_tokens": 100]
        #expect(Self.ceiling(body).outputTokens(on: Self.plain, outputLimit: nil) == 100)
        // "user" and "1234": 2 tokens, plus 6 framing tokens.
        #expect(Self.ceiling(body).cost(on: Self.plain, outputLimit: nil) == 8 * 0.001 + 100 * 0.01)
        var newer = body
        newer["max_completion_tokens"] = 40
        #expect(Self.ceiling(newer).outputTokens(on: Self.plain, outputLimit: nil) == 40, "max_completion_tokens wins")
        var many = body
        many["n"] = 3
        #expect(Self.ceiling(many).outputTokens(on: Self.plain, outputLimit: nil) == 300)
        var best = body
        best["best_of"] = 5
        #expect(Self.ceiling(best, .completions).outputTokens(on: Self.plain, outputLimit: nil) == 500)
        #expect(Self.ceiling(body, .embeddings).outputTokens(on: Self.plain, outputLimit: nil) == 0, "embeddings write nothing")
        var nonsense = body
        nonsense["max_tokens"] = -5
        #expect(Self.ceiling(nonsense).outputTokens(on: Self.plain, outputLimit: nil) == CostCeiling.defaultOutputTokens)
    }

    @Test func withoutACapTheDeploymentOrTheModelDecides() throws {
        let body: JSON = ["messages": [["role": "user", "content": "1234"]]]
        let ceiling = Self.ceiling(body)
        #expect(ceiling.outputTokens(on: Self.plain, outputLimit: nil) == 4096)
        #expect(ceiling.outputTokens(on: Self.plain, outputLimit: nil, defaultOutputTokens: 10) == 10)
        #expect(ceiling.outputTokens(on: Self.plain, outputLimit: 700) == 700)
        #expect(Self.ceiling(["max_tokens": 100_000]).outputTokens(on: Self.plain, outputLimit: 700) == 700, "never past the model's limit")

        var configured = Self.plain
        configured.extraParams = ["max_tokens": 64]
        #expect(ceiling.outputTokens(on: configured, outputLimit: 700) == 64, "litellm_params.max_tokens is sent when the request names none")
        var anthropic = Self.plain
        anthropic.provider = "anthropic"
        #expect(ceiling.outputTokens(on: anthropic, outputLimit: nil) == 4096, "Anthropic requires max_tokens: the translation sends 4096")
        var small = Self.plain
        small.contextWindow = 1_000
        #expect(Self.ceiling(["prompt": .array((0..<900).map { JSON.int($0) })], .completions).outputTokens(on: small, outputLimit: nil) == 100)
    }

    @Test func theModelsOutputLimitComesFromModelInfoThenThePriceTables() throws {
        let mini = try Deployment(
            parsing: JSONParser.parse(#"{"model_name": "m", "litellm_params": {"model": "openai/gpt-4o-mini-2024-07-18"}}"#), path: "test")
        #expect(mini.outputLimit(prices: PriceTable()) == 16_384)
        let own = try Deployment(
            parsing: JSONParser.parse(
                #"{"model_name": "m", "litellm_params": {"model": "openai/gpt-4o-mini"}, "model_info": {"max_output_tokens": 512}}"#),
            path: "test")
        #expect(own.outputLimit(prices: PriceTable()) == 512)
        let table = try PriceTable(parsing: JSONParser.parse(#"{"my-finetune": {"max_output_tokens": 2048}}"#), path: "model_prices")
        #expect(Self.plain.outputLimit(prices: table) == nil)
        var finetune = Self.plain
        finetune.upstreamModel = "my-finetune"
        #expect(finetune.outputLimit(prices: table) == 2048)
    }
}
