public import GatewayCore

/// An OpenAI embeddings request for a Bedrock embedding model, as the InvokeModel calls (`POST /model/{modelId}/invoke`)
/// that answer it, and the OpenAI answer made of theirs.
///
/// | family | model ids | inputs per call | body (``titanBody(_:)``, ``cohereBody(_:)``) |
/// | --- | --- | --- | --- |
/// | Amazon Titan Text Embeddings | `amazon.titan-embed-text-v1`, `amazon.titan-embed-text-v2:0` | 1 | `{"inputText", "dimensions"?, "normalize"?}` |
/// | Cohere Embed v3 | `cohere.embed-english-v3`, `cohere.embed-multilingual-v3` | up to 96 | `{"texts", "input_type", "truncate"?}` |
///
/// An inference-profile prefix (`us.`, `eu.`...) is allowed before either. The request's fields:
///
/// | OpenAI field | Bedrock |
/// | --- | --- |
/// | `input`: a string or a list of at most ``maximumInputs`` strings | `inputText` (a call each) / `texts`; token ids refused |
/// | `encoding_format`: `float` (default) or `base64` | floats; `base64` is made here as OpenAI makes it (little-endian float32) |
/// | `dimensions` (Titan v2: 256, 512 or 1024) | `dimensions` |
/// | `normalize` (Titan v2, a Bedrock field) | `normalize` |
/// | `input_type` (Cohere, default `search_document` as LiteLLM's) and `truncate` (`NONE`, `START`, `END`) | passed |
/// | `user` | not sent (the gateway logs it) |
///
/// Anything else, or a field the model has no counterpart for, is refused with 400 `unsupported_params` naming it
/// unless `drop_params` drops it: nothing is dropped silently. Usage is Titan's `inputTextTokenCount` summed over the
/// calls, Cohere's `X-Amzn-Bedrock-Input-Token-Count` header; estimated from the text when Bedrock reports neither.
public struct BedrockEmbeddings: Sendable {
    /// The embedding families Bedrock serves through InvokeModel that this provider speaks.
    public enum Family: Sendable, Equatable {
        /// `amazon.titan-embed-text-v1` (and G1's `amazon.titan-embed-g1-text-02`): `inputText` only.
        case titanV1
        /// `amazon.titan-embed-text-v2:0`: `inputText`, `dimensions`, `normalize`.
        case titanV2
        /// `cohere.embed-english-v3`, `cohere.embed-multilingual-v3`: `texts`, `input_type`, `truncate`.
        case cohereV3
    }

    /// How the answer carries each vector (OpenAI's `encoding_format`).
    public enum Encoding: String, Sendable {
        case float, base64
    }

    /// One InvokeModel answer: its body, and the input tokens its `X-Amzn-Bedrock-Input-Token-Count` header reports.
    public struct Answer: Sendable {
        public var json: JSON
        public var headerInputTokens: Int?

        public init(json: JSON, headerInputTokens: Int? = nil) {
            self.json = json
            self.headerInputTokens = headerInputTokens
        }
    }

    /// The most inputs one request may have (OpenAI's limit).
    public static let maximumInputs = 2048
    /// The most texts one Cohere call may carry (Bedrock's limit).
    public static let cohereBatch = 96
    /// Cohere's `input_type` when the request names none (LiteLLM's default).
    public static let defaultInputType = "search_document"

    public let family: Family
    public let inputs: [String]
    public let encoding: Encoding
    /// The InvokeModel bodies, in input order: one per input for Titan, one per ``cohereBatch`` inputs for Cohere.
    public private(set) var bodies: [JSON] = []
    /// The deployment's public name, for messages.
    let deploymentName: String
    /// The request's model-specific fields, checked (``titanBody(_:)``, ``cohereBody(_:)``).
    var options: [String: JSON] = [:]

    /// - Parameters:
    ///   - body: the OpenAI embeddings request.
    ///   - modelID: the Bedrock model id (the deployment's upstream model), which picks the family.
    ///   - deploymentName: the deployment's public name, for messages.
    ///   - dropUnsupported: whether fields the model has no counterpart for are dropped rather than refused.
    /// - Throws: 400 naming `model` for a model of no known embedding family; 400 naming `input`, `encoding_format`,
    ///   `dimensions`, `normalize`, `input_type` or `truncate` for a bad value; 400 `unsupported_params` naming a field
    ///   the model cannot take.
    public init(openAI body: JSON, modelID: String, deploymentName: String, dropUnsupported: Bool) throws {
        guard let family = Self.family(of: modelID) else {
            throw GatewayError.badRequest(
                "Bedrock model '\(modelID)' (deployment '\(deploymentName)') is not an embedding model Tollgate can call: use Amazon Titan "
                    + "Text Embeddings (amazon.titan-embed-text-v1, amazon.titan-embed-text-v2:0) or Cohere Embed v3 "
                    + "(cohere.embed-english-v3, cohere.embed-multilingual-v3).", param: "model")
        }
        self.family = family
        self.deploymentName = deploymentName
        self.inputs = try Self.texts(body["input"], deploymentName: deploymentName)
        switch body["encoding_format"] {
        case nil, .null?, .string("float")?: encoding = .float
        case .string("base64")?: encoding = .base64
        default: throw GatewayError.badRequest("'encoding_format' must be 'float' or 'base64'.", param: "encoding_format")
        }
        let accepted: Set<String> =
            switch family {
            case .titanV1: []
            case .titanV2: ["dimensions", "normalize"]
            case .cohereV3: ["input_type", "truncate"]
            }
        let ignored: Set<String> = ["model", "input", "encoding_format", "user"]
        for (key, value) in (body.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where !value.isNull && !ignored.contains(key) {
            if BedrockConverseRequest.gatewayFields.contains(key) { continue }
            if accepted.contains(key) {
                options[key] = value
            } else if !dropUnsupported {
                throw GatewayError.badRequest(
                    "Bedrock model '\(modelID)' (deployment '\(deploymentName)') does not support the parameter '\(key)' for embeddings. "
                        + "Remove it, or set drop_params: true (litellm_settings, or the deployment's litellm_params) to have unsupported "
                        + "parameters dropped.", param: key, code: "unsupported_params")
            }
        }
        switch family {
        case .titanV1, .titanV2:
            bodies = try inputs.map { try titanBody($0) }
        case .cohereV3:
            bodies = try stride(from: 0, to: inputs.count, by: Self.cohereBatch).map { start in
                try cohereBody(Array(inputs[start..<min(start + Self.cohereBatch, inputs.count)]))
            }
        }
    }

    /// The family of a Bedrock model id (an inference-profile prefix such as `us.` allowed), or nil.
    public static func family(of modelID: String) -> Family? {
        let id = modelID.lowercased()
        let unprefixed = id.firstIndex(of: ".").map { String(id[id.index(after: $0)...]) }
        for name in [id] + (unprefixed.map { [$0] } ?? []) {
            if name.hasPrefix("amazon.titan-embed-text-v1") || name.hasPrefix("amazon.titan-embed-g1-text-02") { return .titanV1 }
            if name.hasPrefix("amazon.titan-embed-text-v2") { return .titanV2 }
            if name.hasPrefix("cohere.embed-english-v3") || name.hasPrefix("cohere.embed-multilingual-v3") { return .cohereV3 }
        }
        return nil
    }

    /// The texts of `input`. - Throws: 400 naming `input` for token ids, an empty list, too many inputs, or another type.
    static func texts(_ input: JSON?, deploymentName: String) throws -> [String] {
        switch input {
        case .string(let text)?:
            return [text]
        case .array(let items)?:
            guard !items.isEmpty else { throw GatewayError.badRequest("'input' must not be an empty list.", param: "input") }
            guard items.count <= maximumInputs else {
                throw GatewayError.badRequest("'input' may have at most \(maximumInputs) items; it has \(items.count).", param: "input")
            }
            return try items.map { item in
                guard let text = item.stringValue else {
                    if item.intValue != nil || item.arrayValue != nil {
                        throw GatewayError.badRequest(
                            "Deployment '\(deploymentName)' is a Bedrock embedding model, which takes text: 'input' cannot be token ids.",
                            param: "input")
                    }
                    throw GatewayError.badRequest("'input' must be a string or a list of strings.", param: "input")
                }
                return text
            }
        default:
            throw GatewayError.badRequest("'input' must be a string or a list of strings.", param: "input")
        }
    }

    /// The OpenAI embeddings answer (`object: list`, `data[i].embedding` and `index` in input order, `model`, `usage`)
    /// made of the answers to ``bodies``, in the same order.
    /// - Parameter model: the model the answer names (the deployment's upstream model).
    /// - Throws: 502 `upstream_invalid_response` naming the deployment when an answer is not the family's shape or has
    ///   a different number of vectors than it was sent texts.
    public func openAIResponse(_ answers: [Answer], model: String) throws -> JSON {
        guard answers.count == bodies.count else { throw invalid("\(answers.count) answers to \(bodies.count) calls") }
        var data: [JSON] = []
        var tokens = 0
        for (answer, body) in zip(answers, bodies) {
            let vectors: [[Double]]
            let reported: Int?
            switch family {
            case .titanV1, .titanV2:
                vectors = [try titanVector(answer.json)]
                reported = answer.json["inputTextTokenCount"]?.intValue ?? answer.headerInputTokens
            case .cohereV3:
                let sent = body["texts"]?.arrayValue?.count ?? 0
                vectors = try cohereVectors(answer.json, count: sent)
                reported = answer.headerInputTokens
            }
            let texts = body["texts"]?.arrayValue?.compactMap(\.stringValue) ?? [body["inputText"]?.stringValue ?? ""]
            let estimate = texts.reduce(0) { $0 + TokenEstimator.tokens(in: $1) }
            // Each count is clamped before adding, and so is the sum: two values of at most InputRange.maxTokens (10^12)
            // cannot overflow an Int.
            tokens = min(tokens + min(max(reported ?? estimate, 0), InputRange.maxTokens), InputRange.maxTokens)
            for vector in vectors {
                let embedding: JSON = encoding == .base64 ? .string(EmbeddingEncoding.base64(vector)) : .array(vector.map { .double($0) })
                data.append(["object": "embedding", "index": .int(data.count), "embedding": embedding])
            }
        }
        return [
            "object": "list", "data": .array(data), "model": .string(model),
            "usage": ["prompt_tokens": .int(tokens), "total_tokens": .int(tokens)],
        ]
    }

    /// The numbers of a vector in an answer. - Throws: 502 when it is not a list of numbers.
    func numbers(_ value: JSON?) throws -> [Double] {
        guard let items = value?.arrayValue else { throw invalid("no embedding vector") }
        return try items.map { item in
            guard let number = item.doubleValue else { throw invalid("an embedding value that is not a number") }
            return number
        }
    }

    /// 502 `upstream_invalid_response` naming the deployment and what was wrong.
    func invalid(_ what: String) -> GatewayError {
        .badGateway("Upstream '\(deploymentName)' returned an embeddings answer with \(what).", code: "upstream_invalid_response")
    }
}
