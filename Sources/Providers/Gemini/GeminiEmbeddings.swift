import GatewayCore

/// OpenAI embeddings as Gemini's `batchEmbedContents` (one request per input, in one call) and back.
///
/// | OpenAI | Gemini |
/// | --- | --- |
/// | `input` (a string or a list of strings) | `requests[].content.parts[].text` |
/// | `dimensions` | `outputDimensionality` |
/// | `task_type` (LiteLLM's) | `taskType` |
/// | `encoding_format`: `float` (default) or `base64` | floats, as Gemini answers; `base64` is made here as OpenAI makes it (``EmbeddingEncoding``) |
///
/// Gemini reports no token count for embeddings: usage is estimated from the text (about four characters a token,
/// ``TokenEstimator``), so spend for Gemini embeddings is an estimate. Anything else is refused with 400
/// `unsupported_params` unless `drop_params`.
struct GeminiEmbeddings {
    static let mappedParams: Set<String> = ["model", "input", "dimensions", "task_type", "encoding_format", "user"]
    static let gatewayFields: Set<String> = ["metadata", "fallbacks", "guardrails", "tags", "mock_response"]

    let texts: [String]
    /// Whether the client asked for `encoding_format: base64` (the openai SDK's default).
    let base64: Bool
    /// The `batchEmbedContents` body.
    let body: JSON

    /// - Throws: 400 for an input that is not text, a bad `dimensions`, or an unsupported parameter.
    init(openAI request: JSON, model: String, deploymentName: String, dropUnsupported: Bool) throws {
        if !dropUnsupported {
            let unknown = (request.objectValue ?? [:]).filter {
                !$0.value.isNull && !Self.mappedParams.contains($0.key) && !Self.gatewayFields.contains($0.key)
            }
            if let name = unknown.keys.sorted().first {
                throw GatewayError.badRequest(
                    "Gemini model '\(deploymentName)' does not support the parameter '\(name)'. Remove it, or set drop_params: true to have unsupported "
                        + "parameters dropped.", param: name, code: "unsupported_params")
            }
        }
        switch request["encoding_format"] {
        case nil, .null?, .string("float")?: base64 = false
        case .string("base64")?: base64 = true
        default: throw GatewayError.badRequest("'encoding_format' must be 'float' or 'base64'.", param: "encoding_format")
        }
        switch request["input"] {
        case .string(let text)?: texts = [text]
        case .array(let items)? where !items.isEmpty:
            texts = try items.map { item in
                guard let text = item.stringValue else {
                    throw GatewayError.badRequest("Gemini embeds text: 'input' must be a string or a list of strings (not tokens).", param: "input")
                }
                return text
            }
        default:
            throw GatewayError.badRequest("'input' must be a non-empty string or list of strings.", param: "input")
        }
        var extra: [String: JSON] = [:]
        if let dimensions = request["dimensions"], !dimensions.isNull {
            guard let value = dimensions.intValue, value > 0, value <= 65_536 else {
                throw GatewayError.badRequest("'dimensions' must be a positive integer.", param: "dimensions")
            }
            extra["outputDimensionality"] = .int(value)
        }
        if let task = request["task_type"]?.stringValue { extra["taskType"] = .string(task) }
        let name = "models/" + (model.hasPrefix("models/") ? String(model.dropFirst("models/".count)) : model)
        body = [
            "requests": .array(
                texts.map { text in
                    var entry: [String: JSON] = ["model": .string(name), "content": ["parts": [["text": .string(text)]]]]
                    entry.merge(extra) { own, _ in own }
                    return .object(entry)
                })
        ]
    }

    /// The OpenAI answer for Gemini's `{"embeddings": [{"values": [...]}]}`.
    /// - Throws: 502 when the answer does not hold one vector per input.
    func openAIResponse(_ answer: JSON, model: String, deploymentName: String) throws -> JSON {
        guard let embeddings = answer["embeddings"]?.arrayValue, embeddings.count == texts.count,
            embeddings.allSatisfy({ $0["values"]?.arrayValue != nil })
        else {
            throw GatewayError.badGateway(
                "Upstream '\(deploymentName)' returned no embedding for each input.", code: "upstream_invalid_response")
        }
        let data: [JSON] = try embeddings.enumerated().map { index, embedding in
            let values = embedding["values"] ?? []
            guard base64 else { return ["object": "embedding", "index": .int(index), "embedding": values] }
            let numbers = try (values.arrayValue ?? []).map { value in
                guard let number = value.doubleValue else {
                    throw GatewayError.badGateway(
                        "Upstream '\(deploymentName)' returned an embedding value that is not a number.", code: "upstream_invalid_response")
                }
                return number
            }
            return ["object": "embedding", "index": .int(index), "embedding": .string(EmbeddingEncoding.base64(numbers))]
        }
        let estimate = texts.reduce(0) { min($0 + TokenEstimator.tokens(in: $1), InputRange.maxTokens) }
        let reported = Usage.count(answer["usageMetadata"]?["promptTokenCount"])
        let tokens = reported > 0 ? reported : estimate
        return [
            "object": "list", "model": .string(model), "data": .array(data), "usage": ["prompt_tokens": .int(tokens), "total_tokens": .int(tokens)],
        ]
    }
}
