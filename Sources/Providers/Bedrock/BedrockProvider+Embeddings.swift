import AsyncHTTPClient
import GatewayCore
import NIOHTTP1

/// OpenAI embeddings over Bedrock's InvokeModel (``BedrockEmbeddings`` maps the bodies): each call signed with SigV4
/// as Converse's are, up to ``embeddingCallsInFlight`` calls of one request at a time, the answers kept in input order.
extension BedrockProvider {
    /// How many InvokeModel calls of one embeddings request are in flight at once (a Titan list input is one call per
    /// input): enough to hide the latency of a few, few enough not to trip Bedrock's per-account request rate.
    static let embeddingCallsInFlight = 8

    /// Answers an embeddings call. - Throws: what ``BedrockEmbeddings`` throws for the request, then the first failed
    /// call's error (the others are cancelled).
    func embeddings(_ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        let request = try BedrockEmbeddings(
            openAI: call.body, modelID: deployment.upstreamModel, deploymentName: deployment.modelName, dropUnsupported: call.dropsUnsupportedParams)
        let answers = try await Self.inOrder(request.bodies, inFlight: Self.embeddingCallsInFlight) { body in
            try await invoke(body, call: call)
        }
        return .json(try request.openAIResponse(answers, model: deployment.upstreamModel))
    }

    /// One signed InvokeModel call, its answer read whole.
    private func invoke(_ body: JSON, call: UpstreamCall) async throws -> BedrockEmbeddings.Answer {
        let response = try await signedPost(body, action: "invoke", accept: "application/json", call: call)
        let tokens = response.headers.first(name: "x-amzn-bedrock-input-token-count").flatMap { Int($0) }
        return BedrockEmbeddings.Answer(json: try await client.readJSON(response, deployment: call.deployment), headerInputTokens: tokens)
    }

    /// `send` applied to each of `bodies`, at most `inFlight` at a time, the results in the order of `bodies`.
    /// - Throws: the first error; the calls still running are cancelled.
    static func inOrder<Result: Sendable>(
        _ bodies: [JSON], inFlight: Int, _ send: @escaping @Sendable (JSON) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: bodies.count)
            var next = 0
            func start() {
                let index = next
                group.addTask { (index, try await send(bodies[index])) }
                next += 1
            }
            while next < min(inFlight, bodies.count) { start() }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < bodies.count { start() }
            }
            return results.compactMap { $0 }
        }
    }
}
