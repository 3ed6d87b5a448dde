/// Counting a request's input tokens without running it (`/v1/messages/count_tokens`): asked of a deployment whose
/// provider counts natively, estimated otherwise. Authenticated and checked against the caller's model access like a
/// call, but neither budgeted nor logged: nothing is generated.
extension PipelineRunner {
    /// A token count and whether it is the gateway's estimate rather than the upstream's.
    public struct TokenCount: Sendable {
        public var body: JSON
        public var estimated: Bool
    }

    /// - Parameter request: a request with its native body (``GatewayRequest/native``) and its view.
    /// - Throws: 401 without a valid credential, 404 for an unknown model, 403 for one the caller may not use, the
    ///   upstream's error when it fails.
    public func countTokens(_ request: GatewayRequest) async throws -> TokenCount {
        let principal = try await authenticate(request)
        let model = principal.resolvedModel ?? request.model ?? ""
        let deployments = models.catalog.deployments(for: model, teamID: principal.teamID)
        guard !deployments.isEmpty else {
            throw GatewayError.notFound("The model '\(model)' does not exist on this gateway.", param: "model", code: "model_not_found")
        }
        guard ModelAccessPolicy.allows(principal.allowedModels, model: model, deployments: deployments, groups: AccessGroupGraph()) else {
            throw GatewayError.forbidden("This key may not use the model '\(model)'.")
        }
        if let native = request.native {
            for deployment in deployments {
                guard let provider = providers.provider(for: deployment), provider.nativeDialects(for: deployment).contains(native.dialect),
                    let counting = provider as? any TokenCounting, counting.countsTokens
                else { continue }
                var body = native.body
                body["model"] = .string(deployment.upstreamModel)
                let counted = try await counting.countTokens(
                    NativeBody(dialect: native.dialect, json: body, headers: native.headers), deployment: deployment)
                return TokenCount(body: counted, estimated: false)
            }
        }
        let estimate = CostCeiling(body: request.body, operation: .chatCompletions).inputTokens
        return TokenCount(body: ["input_tokens": .int(estimate)], estimated: true)
    }
}
