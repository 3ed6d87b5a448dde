public import GatewayCore

extension OpenAICompatibleProvider {
    /// Posts an OpenAI-shaped call to `url` and reads the answer (or the stream) as OpenAI's: what ``send(_:)`` does
    /// once it has the URL and the credentials, public for providers that speak OpenAI's wire format under another
    /// URL scheme or another auth (Azure OpenAI).
    ///
    /// A whole answer to an OpenAI client keeps the upstream's bytes (``NativeAnswer``), streamed chunks keep theirs,
    /// and a failure is mapped as for every OpenAI-compatible upstream (``UpstreamHTTPClient``).
    /// - Parameters:
    ///   - call: the call; its ``UpstreamCall/body`` is sent as it is (as ``UpstreamCall/bodyBytes`` when it has them).
    ///   - url: the full endpoint URL.
    ///   - headers: the call's headers plus the provider's credentials.
    ///   - client: the shared upstream client.
    ///   - secrets: the credentials in `headers`, taken out of any upstream error message.
    /// - Returns: the answer, or a stream of chunks.
    /// - Throws: ``GatewayError`` for an unreachable, failing or malformed upstream.
    public static func relay(
        _ call: UpstreamCall, url: String, headers: [(String, String)], client: UpstreamHTTPClient, secrets: SecretScrubber
    ) async throws -> GatewayResponse {
        let deployment = call.deployment
        let response =
            if let bytes = call.bodyBytes {
                try await client.post(url: url, headers: headers, bytes: bytes, deployment: deployment, secrets: secrets)
            } else {
                try await client.post(url: url, headers: headers, body: call.body, deployment: deployment, secrets: secrets)
            }
        guard call.isStreaming else {
            // Same dialect in and out: the answer goes back as the upstream's bytes unless a hook changes it, and is
            // parsed only if something reads it: checked now, parsed at once only when a post-call hook will read it.
            if let dialect = call.clientDialect, !call.answerIsRead {
                let bytes = try await client.readBodyBytes(response, deployment: deployment)
                guard let answer = NativeAnswer(dialect: dialect, jsonObjectBytes: bytes) else {
                    throw GatewayError.badGateway(
                        "Upstream '\(deployment.modelName)' returned a body that is not a JSON object.", code: "upstream_invalid_response")
                }
                return .native(answer)
            }
            let (json, bytes) = try await client.readJSONWithBytes(response, deployment: deployment)
            guard case .object = json else {
                throw GatewayError.badGateway(
                    "Upstream '\(deployment.modelName)' returned JSON that is not an object.", code: "upstream_invalid_response")
            }
            guard let dialect = call.clientDialect else { return .json(json) }
            return .native(NativeAnswer(dialect: dialect, body: json, view: json, bytes: bytes))
        }
        return .stream(chunks(from: response, deployment: deployment))
    }
}
