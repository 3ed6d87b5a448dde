extension UpstreamOperation {
    /// What the operation is called in errors: "chat completions", "embeddings", "rerank".
    public var displayName: String {
        switch self {
        case .chatCompletions: "chat completions"
        case .completions: "completions"
        case .embeddings: "embeddings"
        case .rerank: "rerank"
        }
    }

    /// The 400 for a call to a deployment whose provider cannot serve this operation (a rerank to a chat-only
    /// provider): `unsupported_operation`, naming the model and what it can serve.
    /// - Parameters:
    ///   - deployment: the deployment asked.
    ///   - serves: what its provider does serve, for the message ("chat completions and embeddings").
    public func unsupported(by deployment: Deployment, serves: String) -> GatewayError {
        GatewayError.badRequest(
            "Model '\(deployment.modelName)' (\(deployment.provider)/) cannot serve \(displayName): it serves \(serves). Route "
                + "\(displayName) requests to a model whose provider has them.", param: "model", code: "unsupported_operation")
    }
}
