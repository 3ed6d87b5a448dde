import GatewayCore

/// Cohere Embed v3 on InvokeModel: up to 96 `texts` per call with an `input_type`, answered with
/// `{"embeddings": [[...], ...], "id": ..., "response_type": "embeddings_floats", "texts": [...]}`; the input tokens
/// come in the `X-Amzn-Bedrock-Input-Token-Count` header.
extension BedrockEmbeddings {
    /// The `input_type` values Cohere Embed v3 takes for text.
    public static let cohereInputTypes: Set<String> = ["search_document", "search_query", "classification", "clustering"]
    /// The `truncate` values Cohere Embed v3 takes.
    public static let cohereTruncations: Set<String> = ["NONE", "START", "END"]

    /// The InvokeModel body for a batch: `texts`, `input_type` (the request's, else ``defaultInputType``) and
    /// `truncate` when the request sets it.
    /// - Throws: 400 naming `input_type` or `truncate` for a value Cohere does not take.
    func cohereBody(_ texts: [String]) throws -> JSON {
        let inputType = options["input_type"] ?? .string(Self.defaultInputType)
        guard let type = inputType.stringValue, Self.cohereInputTypes.contains(type) else {
            throw GatewayError.badRequest(
                "'input_type' must be one of \(Self.cohereInputTypes.sorted().joined(separator: ", ")) for Cohere Embed on Bedrock.",
                param: "input_type")
        }
        var body: JSON = ["texts": .array(texts.map { .string($0) }), "input_type": .string(type)]
        if let truncate = options["truncate"] {
            guard let value = truncate.stringValue?.uppercased(), Self.cohereTruncations.contains(value) else {
                throw GatewayError.badRequest("'truncate' must be NONE, START or END.", param: "truncate")
            }
            body["truncate"] = .string(value)
        }
        return body
    }

    /// The vectors of a Cohere answer (`embeddings`: a list of vectors, or `{"float": [...]}` when typed).
    /// - Parameter count: how many texts the call carried.
    /// - Throws: 502 when the answer has another number of vectors, or they are not lists of numbers.
    func cohereVectors(_ answer: JSON, count: Int) throws -> [[Double]] {
        guard let vectors = (answer["embeddings"]?["float"] ?? answer["embeddings"])?.arrayValue else { throw invalid("no embeddings") }
        guard vectors.count == count else { throw invalid("\(vectors.count) vectors for \(count) texts") }
        return try vectors.map { try numbers($0) }
    }
}
