import Foundation
import GatewayCore
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// InvokeModel for embedding models, in Bedrock's formats, checking each body as Bedrock does (a field the model does
/// not take, a missing or mistyped one: 400 `ValidationException`).
///
/// Titan (`amazon.titan-embed-text-v1`, `...-v2:0`): `{"inputText", "dimensions"?, "normalize"?}` (v2) answered with
/// `{"embedding", "inputTextTokenCount", "embeddingsByType"}` (v2); Cohere (`cohere.embed-*-v3`): `{"texts",
/// "input_type", "truncate"?}` answered with `{"embeddings", "id", "response_type", "texts"}` and the token count in
/// `X-Amzn-Bedrock-Input-Token-Count`. A vector's first value is its text's length and the rest `k / 1024`, so a test
/// can tell which text a vector belongs to; a text counts as its word count plus 2 tokens. Longer texts answer
/// sooner, so a list's answers arrive out of order.
extension BedrockStandIn {
    static let tokenCountHeader = HTTPField.Name("X-Amzn-Bedrock-Input-Token-Count")!

    /// The tokens the stand-in reports for `text`.
    static func tokens(_ text: String) -> Int { text.split(separator: " ").count + 2 }

    /// The vector the stand-in answers for `text`.
    static func vector(_ text: String, size: Int) -> [JSON] {
        [.double(Double(text.count))] + (1..<size).map { .double(Double($0) / 1024) }
    }

    func invokeEmbeddings(model escaped: String, body: JSON) async -> Response {
        let model = escaped.removingPercentEncoding ?? escaped
        inFlight.withLock { state in
            state.now += 1
            state.most = max(state.most, state.now)
        }
        defer { inFlight.withLock { $0.now -= 1 } }
        if model.contains("titan-embed-text") { return await Self.titan(v2: model.contains("-v2"), body: body) }
        if model.contains("cohere.embed") { return Self.cohere(body: body) }
        return Self.error(.badRequest, type: "ValidationException", message: "The provided model identifier is invalid.")
    }

    static func titan(v2: Bool, body: JSON) async -> Response {
        let allowed: Set<String> = v2 ? ["inputText", "dimensions", "normalize", "embeddingTypes"] : ["inputText"]
        let fields = body.objectValue ?? [:]
        if let extra = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            return malformed("extraneous key [\(extra)] is not permitted")
        }
        guard let text = body["inputText"]?.stringValue else { return malformed("required key [inputText] not found") }
        if let dimensions = body["dimensions"], ![256, 512, 1024].contains(dimensions.intValue ?? 0) {
            return malformed("dimensions: \(dimensions.serializedString()) is not a valid enum value")
        }
        if let normalize = body["normalize"], normalize.boolValue == nil { return malformed("normalize: expected type: Boolean") }
        try? await Task.sleep(for: .milliseconds(max(0, 40 - text.count)))
        let vector = Self.vector(text, size: body["dimensions"]?.intValue ?? (v2 ? 1024 : 1536))
        var answer: JSON = ["embedding": .array(vector), "inputTextTokenCount": .int(tokens(text))]
        if v2 { answer["embeddingsByType"] = ["float": .array(vector)] }
        return json(answer, tokens: tokens(text))
    }

    static func cohere(body: JSON) -> Response {
        let allowed: Set<String> = ["texts", "images", "input_type", "truncate", "embedding_types"]
        if let extra = (body.objectValue ?? [:]).keys.sorted().first(where: { !allowed.contains($0) }) {
            return malformed("extraneous key [\(extra)] is not permitted")
        }
        guard let items = body["texts"]?.arrayValue, (1...96).contains(items.count) else {
            return malformed("texts: expected between 1 and 96 items")
        }
        let texts = items.compactMap(\.stringValue)
        guard texts.count == items.count else { return malformed("texts: expected type: String") }
        guard let type = body["input_type"]?.stringValue, ["search_document", "search_query", "classification", "clustering"].contains(type)
        else { return malformed("input_type: required, one of search_document, search_query, classification, clustering") }
        if let truncate = body["truncate"], !["NONE", "START", "END"].contains(truncate.stringValue ?? "") {
            return malformed("truncate: \(truncate.serializedString()) is not a valid enum value")
        }
        let answer: JSON = [
            "embeddings": .array(texts.map { .array(vector($0, size: 1024)) }), "id": .string(UUID().uuidString),
            "response_type": "embeddings_floats", "texts": .array(texts.map { .string($0.lowercased()) }),
        ]
        return json(answer, tokens: texts.reduce(0) { $0 + tokens($1) })
    }

    static func malformed(_ detail: String) -> Response {
        error(.badRequest, type: "ValidationException", message: "Malformed input request: #: \(detail), please reformat your input and try again.")
    }

    static func json(_ body: JSON, tokens: Int) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", tokenCountHeader: String(tokens)],
            body: .init(byteBuffer: ByteBuffer(string: body.serializedString())))
    }
}
