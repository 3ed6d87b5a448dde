/// The most a request can cost, known before it is sent: what a budget reserves at admission, so that requests
/// running at once cannot together spend past it (the reservation is settled to the real cost when the call ends).
///
/// - Input tokens are estimated from the body (``TokenEstimator/promptTokens(_:)``, about four characters per token)
///   plus the tool definitions it sends. Text that tokenizes more densely (some scripts, code) can cost more than this.
/// - Output tokens, per choice (`n`, `best_of`): the request's `max_completion_tokens` or `max_tokens`, else the
///   deployment's default (`litellm_params.max_tokens`, or the 4096 the gateway sends to Anthropic), else the model's
///   output limit (``Deployment/outputLimit(prices:)``), else a default; never more than the output limit, nor than
///   the context window less the input, when those are known.
/// - Embeddings write nothing: input only.
/// - Rerank: its documents' text as input tokens, plus one search unit per started 100 documents at the per-query
///   price (Cohere bills a query of up to 100 documents as one unit; a document over its token limit may be split and
///   count more, which this does not foresee).
///
/// ```swift
/// let ceiling = CostCeiling(body: request.body, operation: .chatCompletions)
/// let worst = ceiling.cost(on: deployment, outputLimit: deployment.outputLimit(prices: prices))
/// ```
public struct CostCeiling: Sendable, Equatable {
    /// Output tokens assumed per choice for a request that names no `max_tokens`, on a model whose output limit is unknown.
    public static let defaultOutputTokens = 4096

    /// Estimated input tokens.
    public var inputTokens: Int
    /// The output tokens per choice the request asks for at most; nil when it names no cap.
    public var requestedOutputTokens: Int?
    /// Answers the upstream writes (`n`, `best_of`), at least 1.
    public var choices: Int
    /// False for embeddings and rerank, which are priced on their input alone.
    public var writesOutput: Bool
    /// Search units a rerank request is expected to bill (0 for other operations).
    public var searchUnits: Int = 0

    /// Reads a request's OpenAI-shaped body (what the pipeline holds, `/v1/messages` included).
    /// - Parameter operation: what the upstream is asked to do; embeddings write no output.
    public init(body: JSON, operation: UpstreamOperation) {
        var input = TokenEstimator.promptTokens(body)
        for key in ["tools", "functions"] {
            if let definitions = body[key], definitions.arrayValue?.isEmpty == false {
                input += TokenEstimator.tokens(in: definitions.serializedString())
            }
        }
        if operation == .rerank, let documents = body["documents"]?.arrayValue {
            let characters = documents.reduce((body["query"]?.stringValue.map(TokenEstimator.characters) ?? 0)) {
                $0 + TokenEstimator.characters($1.stringValue ?? $1.serializedString())
            }
            input += TokenEstimator.tokens(characters: characters)
            searchUnits = (documents.count + 99) / 100
        }
        inputTokens = input
        writesOutput = operation != .embeddings && operation != .rerank
        requestedOutputTokens = Self.count(body["max_completion_tokens"]) ?? Self.count(body["max_tokens"])
        choices = max(1, Self.count(body["n"]) ?? 1, Self.count(body["best_of"]) ?? 1)
    }

    /// The output tokens the request may be billed for on `deployment`, over all its choices.
    /// - Parameters:
    ///   - outputLimit: the model's output limit (``Deployment/outputLimit(prices:)``), nil when unknown.
    ///   - defaultOutputTokens: per choice, when neither the request nor the deployment nor the model sets a cap.
    public func outputTokens(on deployment: Deployment, outputLimit: Int?, defaultOutputTokens: Int = Self.defaultOutputTokens) -> Int {
        guard writesOutput else { return 0 }
        var perChoice = requestedOutputTokens ?? deployment.defaultMaxTokens ?? outputLimit ?? defaultOutputTokens
        if let outputLimit { perChoice = min(perChoice, outputLimit) }
        if let window = deployment.contextWindow { perChoice = min(perChoice, max(0, window - inputTokens)) }
        let (total, overflow) = perChoice.multipliedReportingOverflow(by: choices)
        return overflow ? Int.max : total
    }

    /// The worst-case cost in USD on `deployment`, at the dearest price each token can be billed at: input at the
    /// highest of the input and cache prices (cache reads are cheaper than input as providers price them, but a cache
    /// write is dearer: Anthropic bills it at 1.25 times the input price), output at the higher of the output and
    /// reasoning prices.
    /// - Parameters: see ``outputTokens(on:outputLimit:defaultOutputTokens:)``.
    public func cost(on deployment: Deployment, outputLimit: Int?, defaultOutputTokens: Int = Self.defaultOutputTokens) -> Double {
        let output = outputTokens(on: deployment, outputLimit: outputLimit, defaultOutputTokens: defaultOutputTokens)
        let inputPrice = max(deployment.inputCostPerToken, deployment.cacheReadCostPerToken ?? 0, deployment.cacheWriteCostPerToken ?? 0)
        let outputPrice = max(deployment.outputCostPerToken, deployment.reasoningCostPerToken ?? 0)
        return Double(inputTokens) * inputPrice + Double(output) * outputPrice + Double(searchUnits) * (deployment.costPerQuery ?? 0)
    }

    /// A non-negative whole number of tokens or choices, nil for anything else (the upstream judges bad values).
    private static func count(_ value: JSON?) -> Int? {
        guard let count = value?.intValue, count >= 0 else { return nil }
        return count
    }
}
