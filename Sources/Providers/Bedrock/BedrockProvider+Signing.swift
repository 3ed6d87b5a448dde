import AWSSigV4
import AsyncHTTPClient
import GatewayCore

/// The one way a Bedrock call goes out: Converse, InvokeModel (Anthropic and embeddings) alike.
extension BedrockProvider {
    /// POSTs `body` to `/model/{modelId}/{action}` of the deployment, signed with SigV4 (service `bedrock`) with the
    /// deployment's credentials; the signature is scrubbed from errors along with them.
    /// - Returns: the 2xx response, its body still to be read.
    func signedPost(_ body: JSON, action: String, accept: String?, call: UpstreamCall) async throws -> HTTPClientResponse {
        let deployment = call.deployment
        let settings = try settings(deployment)
        let endpoint = settings.endpoint(modelID: deployment.upstreamModel, action: action)
        let signer = SigV4Signer(
            credentials: try await credentials(settings, deployment: deployment), region: settings.region, service: Self.signingName)
        // The bytes signed are the bytes sent: `post` serializes this same value again, and one value serializes the same way.
        let request = SigV4Request(
            method: "POST", path: endpoint.path, headers: [("host", endpoint.host), ("content-type", "application/json")],
            body: body.serializedBytes())
        let signature = signer.sign(request, at: AWSTimestamp(secondsSince1970: now()))
        var headers = call.headers + [("host", endpoint.host)] + signature.headers.map { ($0.name, $0.value) }
        if let accept { headers.append(("accept", accept)) }
        return try await client.post(
            url: endpoint.url, headers: headers, body: body, deployment: deployment,
            secrets: SecretScrubber(secrets(of: deployment) + [signature.signature]))
    }
}
