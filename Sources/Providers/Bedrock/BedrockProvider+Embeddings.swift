import AWSSigV4
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
        let settings = try settings(deployment)
        let endpoint = settings.endpoint(modelID: deployment.upstreamModel, action: "invoke")
        let signer = SigV4Signer(
            credentials: try await credentials(settings, deployment: deployment), region: settings.region, service: Self.signingName)
        let answers = try await Self.inOrder(request.bodies, inFlight: Self.embeddingCallsInFlight) { body in
            try await invoke(body, url: endpoint.url, path: endpoint.path, host: endpoint.host, signer: signer, call: call)
        }
        return .json(try request.openAIResponse(answers, model: deployment.upstreamModel))
    }

    /// One signed InvokeModel call, its answer read whole.
    private func invoke(
        _ body: JSON, url: String, path: String, host: String, signer: SigV4Signer, call: UpstreamCall
    ) async throws -> BedrockEmbeddings.Answer {
        let deployment = call.deployment
        // The bytes signed are the bytes sent: `post` serializes this same value again, and one value serializes the same way.
        let request = SigV4Request(
            method: "POST", path: path, headers: [("host", host), ("content-type", "application/json")], body: body.serializedBytes())
        let signature = signer.sign(request, at: AWSTimestamp(secondsSince1970: now()))
        let headers = call.headers + [("host", host), ("accept", "application/json")] + signature.headers.map { ($0.name, $0.value) }
        let response = try await client.post(
            url: url, headers: headers, body: body, deployment: deployment, secrets: SecretScrubber(secrets(of: deployment) + [signature.signature]))
        let tokens = response.headers.first(name: "x-amzn-bedrock-input-token-count").flatMap { Int($0) }
        return BedrockEmbeddings.Answer(json: try await client.readJSON(response, deployment: deployment), headerInputTokens: tokens)
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
