import GatewayCore

/// `/v1/embeddings` to a Gemini embedding model (`gemini/gemini-embedding-001`, `gemini/text-embedding-004`): one
/// `batchEmbedContents` call for the whole input (``GeminiEmbeddings``).
extension GeminiProvider {
    func embeddings(_ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        let request = try GeminiEmbeddings(
            openAI: call.body, model: deployment.upstreamModel, deploymentName: deployment.modelName, dropUnsupported: call.dropsUnsupportedParams)
        let response = try await post(request.body, method: "batchEmbedContents", call: call)
        let answer = try await client.readJSON(response, deployment: deployment)
        return .json(try request.openAIResponse(answer, model: deployment.upstreamModel, deploymentName: deployment.modelName))
    }
}
