import GatewayCore

/// Amazon Titan Text Embeddings on InvokeModel: one `inputText` per call, answered with `{"embedding": [...],
/// "inputTextTokenCount": n}` (v2 adds `embeddingsByType`, ignored: only floats are asked for).
extension BedrockEmbeddings {
    /// The output sizes Titan v2 accepts for `dimensions`.
    public static let titanDimensions: Set<Int> = [256, 512, 1024]

    /// The InvokeModel body for one input: `inputText`, and for v2 the request's `dimensions` and `normalize`.
    /// - Throws: 400 naming `dimensions` (not 256, 512 or 1024) or `normalize` (not a boolean).
    func titanBody(_ text: String) throws -> JSON {
        var body: JSON = ["inputText": .string(text)]
        if let dimensions = options["dimensions"] {
            guard let size = dimensions.intValue, Self.titanDimensions.contains(size) else {
                throw GatewayError.badRequest(
                    "'dimensions' must be 256, 512 or 1024 for Amazon Titan Text Embeddings v2 (deployment '\(deploymentName)').",
                    param: "dimensions")
            }
            body["dimensions"] = .int(size)
        }
        if let normalize = options["normalize"] {
            guard let flag = normalize.boolValue else { throw GatewayError.badRequest("'normalize' must be a boolean.", param: "normalize") }
            body["normalize"] = .bool(flag)
        }
        return body
    }

    /// The vector of a Titan answer (`embedding`). - Throws: 502 when it has none.
    func titanVector(_ answer: JSON) throws -> [Double] {
        try numbers(answer["embedding"])
    }
}
