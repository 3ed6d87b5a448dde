public import GatewayCore
import OpenAIProvider
public import OpenAIResponsesDialect

/// `GET`/`DELETE …/responses/{id}` and `…/{id}/input_items` under the deployment's Responses URL
/// (``AzureSettings/responsesURL``, its `api-version` kept) with its credentials, for a response Azure created and the
/// gateway did not store.
extension AzureProvider: ResponsesUpstream {
    public func forward(_ action: StoredResponseAction, upstreamID: String, deployment: Deployment) async throws -> JSON {
        let settings = try AzureSettings(deployment: deployment, environment: environment)
        guard let responses = settings.responsesURL else {
            throw GatewayError.notFound(
                "Response '\(upstreamID)' cannot be retrieved from '\(deployment.modelName)': its api_version has no Responses API.")
        }
        let (headers, secrets) = try await credentialHeaders(deployment, settings: settings)
        let parts = responses.split(separator: "?", maxSplits: 1).map(String.init)
        return try await OpenAICompatibleProvider.forward(
            action, url: parts[0] + "/" + OpenAICompatibleProvider.pathSegment(upstreamID), query: parts.count > 1 ? parts[1] : "",
            headers: headers, deployment: deployment, client: client, secrets: SecretScrubber(secrets))
    }
}
