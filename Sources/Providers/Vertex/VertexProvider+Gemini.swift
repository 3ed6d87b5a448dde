public import GatewayCore

/// Gemini on Vertex AI (`vertex_ai/gemini-...`): Google's `generateContent` at `.../publishers/google/models/{model}`.
/// Waits for the Gemini provider's codecs; until then such a call is refused with a clear error.
extension VertexProvider {
    /// The dialects a Gemini deployment speaks natively.
    static var geminiNativeDialects: Set<Dialect> { [] }

    func sendGemini(_ call: UpstreamCall, settings: VertexSettings, headers: [(String, String)], secrets: SecretScrubber) async throws
        -> GatewayResponse
    {
        throw GatewayError.badRequest("Model '\(call.deployment.modelName)': Gemini models on Vertex AI are not served yet.", param: "model")
    }
}
