public import GatewayCore

/// An OpenAI embeddings request as a Cohere v2 embed request (`POST /v2/embed`), and the OpenAI answer made of its.
///
/// | OpenAI | v2 |
/// | --- | --- |
/// | `input`: a string or a list of at most ``maximumInputs`` strings | `texts` (token ids refused) |
/// | `input_type` (a Cohere field; default `search_document`, as LiteLLM's) | `input_type` |
/// | `dimensions` | `output_dimension` |
/// | `encoding_format`: `float` (default) or `base64` | `embedding_types: ["float"]`; `base64` is made here, as OpenAI makes it (``EmbeddingEncoding``) |
/// | `truncate` (a Cohere field: `NONE`, `START`, `END`) | `truncate` |
/// | `user` | not sent (the gateway logs it) |
///
/// Anything else is refused with 400 `unsupported_params` naming it unless `drop_params` drops it. Usage is
/// `meta.billed_units.input_tokens`.
public struct CohereEmbeddings: Sendable {
    /// The most texts one v2 embed call takes (Cohere's limit).
    public static let maximumInputs = 96
    /// `input_type` when the request names none (LiteLLM's default).
    public static let defaultInputType = "search_document"
    static let mappedParams: Set<String> = ["model", "input", "input_type", "dimensions", "encoding_format", "truncate", "user"]
    static let gatewayFields: Set<String> = ["metadata", "fallbacks", "guardrails", "tags", "mock_response"]

    /// The v2 embed body.
    public let body: JSON
    /// Whether the answer carries base64 strings rather than lists of numbers.
    public let base64: Bool
    let deploymentName: String

    /// - Throws: 400 for an input that is not text, too many inputs, a bad `encoding_format`, or (unless
    ///   `dropUnsupported`) a parameter v2 cannot express.
    public init(openAI request: JSON, deploymentName: String, dropUnsupported: Bool) throws {
        self.deploymentName = deploymentName
        if !dropUnsupported,
            let name = (request.objectValue ?? [:]).filter({
                !$0.value.isNull && !Self.mappedParams.contains($0.key) && !Self.gatewayFields.contains($0.key)
            })
            .keys.sorted().first
        {
            throw CohereChatRequest.refusal(name, "the parameter '\(name)' for embeddings", deploymentName: deploymentName)
        }
        switch request["encoding_format"] {
        case nil, .null?, .string("float")?: base64 = false
        case .string("base64")?: base64 = true
        default: throw GatewayError.badRequest("'encoding_format' must be 'float' or 'base64'.", param: "encoding_format")
        }
        var body: JSON = [
            "model": request["model"] ?? .null, "texts": .array(try Self.texts(request["input"]).map { .string($0) }),
            "input_type": request["input_type"].flatMap { $0.isNull ? nil : $0 } ?? .string(Self.defaultInputType), "embedding_types": ["float"],
        ]
        if let dimensions = request["dimensions"], !dimensions.isNull {
            guard let count = dimensions.intValue, count > 0 else {
                throw GatewayError.badRequest("'dimensions' must be a positive whole number.", param: "dimensions")
            }
            body["output_dimension"] = .int(count)
        }
        if let truncate = request["truncate"], !truncate.isNull { body["truncate"] = truncate }
        self.body = body
    }

    /// The texts of `input`. - Throws: 400 naming `input` for token ids, an empty list, too many, or another type.
    static func texts(_ input: JSON?) throws -> [String] {
        switch input {
        case .string(let text)?: return [text]
        case .array(let items)?:
            guard !items.isEmpty else { throw GatewayError.badRequest("'input' must not be an empty list.", param: "input") }
            guard items.count <= maximumInputs else {
                throw GatewayError.badRequest("'input' may have at most \(maximumInputs) items for Cohere; it has \(items.count).", param: "input")
            }
            return try items.map { item in
                guard let text = item.stringValue else {
                    throw GatewayError.badRequest("'input' must be text for Cohere (a string or a list of strings), not token ids.", param: "input")
                }
                return text
            }
        default: throw GatewayError.badRequest("'input' must be a string or a list of strings.", param: "input")
        }
    }

    /// The OpenAI answer (`object: list`, `data[i]` in input order, `usage`) of a v2 embed answer.
    /// - Throws: 502 `upstream_invalid_response` when it has no float vectors, or not one per text.
    public func openAIResponse(_ answer: JSON, model: String) throws -> JSON {
        let sent = body["texts"]?.arrayValue?.count ?? 0
        guard let vectors = answer["embeddings"]?["float"]?.arrayValue, vectors.count == sent else {
            throw GatewayError.badGateway(
                "Upstream '\(deploymentName)' returned an embed answer without one float vector per text.", code: "upstream_invalid_response")
        }
        let data: [JSON] = try vectors.enumerated().map { index, vector in
            guard let values = vector.arrayValue?.compactMap(\.doubleValue), values.count == vector.arrayValue?.count else {
                throw GatewayError.badGateway(
                    "Upstream '\(deploymentName)' returned an embedding that is not numbers.", code: "upstream_invalid_response")
            }
            let embedding: JSON = base64 ? .string(EmbeddingEncoding.base64(values)) : .array(values.map { .double($0) })
            return ["object": "embedding", "index": .int(index), "embedding": embedding]
        }
        let tokens = Usage.count(answer["meta"]?["billed_units"]?["input_tokens"])
        return [
            "object": "list", "data": .array(data), "model": .string(model), "usage": ["prompt_tokens": .int(tokens), "total_tokens": .int(tokens)],
        ]
    }
}
