import AWSSigV4
import AsyncHTTPClient
import Foundation
public import GatewayCore

/// The `bedrock/` provider: OpenAI chat over Bedrock's Converse API (`bedrock/<modelId>`, inference profiles such as
/// `us.anthropic...` included), whole (`/converse`) and streamed (`/converse-stream`, an AWS event stream); OpenAI
/// embeddings over InvokeModel for Titan and Cohere embedding models (``BedrockEmbeddings``, `BedrockProvider+Embeddings`).
///
/// Each call is signed with SigV4 (service `bedrock`) using the deployment's credentials (``BedrockSettings``): static
/// keys, or keys assumed through STS and cached (``AssumedRoleCache``). The translation is ``BedrockConverseRequest``
/// one way and ``BedrockConverseResponse`` / ``BedrockConverseStreamDecoder`` the other. The signature is scrubbed
/// from errors along with the credentials.
public struct BedrockProvider: Provider {
    /// The prefix of `litellm_params.model` this provider serves: `bedrock/<modelId>`.
    public static let prefix = "bedrock"
    /// The SigV4 signing name of Bedrock's runtime endpoints.
    public static let signingName = "bedrock"

    let client: UpstreamHTTPClient
    let environment: [String: String]
    let now: @Sendable () -> Double
    let profiles = BedrockProfileCache()
    /// Credentials assumed through STS (`aws_role_name`, web identities), refreshed before they expire.
    let roles: AssumedRoleCache

    /// - Parameters:
    ///   - client: the shared upstream client.
    ///   - environment: where `AWS_*` credentials and region are read when a deployment sets none; nil is the process's.
    ///   - now: seconds since 1970, the signing time (tests fix it); nil is the clock.
    public init(client: UpstreamHTTPClient, environment: [String: String]? = nil, now: (@Sendable () -> Double)? = nil) {
        self.client = client
        self.environment = environment ?? ProcessInfo.processInfo.environment
        let now = now ?? { Date().timeIntervalSince1970 }
        self.now = now
        let sts = STSClient(httpClient: client.httpClient, now: now)
        self.roles = AssumedRoleCache(now: now) { try await sts.assume($0, signingCredentials: $1, timeout: $2) }
    }

    /// The deployment's configured secrets, the AWS secret and token it resolves to (from the environment or a
    /// shared credentials profile, when it names none itself), and those of the role it currently has assumed.
    public func secrets(of deployment: Deployment) -> [String] {
        guard let settings = try? settings(deployment) else { return deployment.secrets }
        return deployment.secrets + settings.configuredSecrets + assumedSecrets(settings)
    }

    /// The deployment's region, endpoint and credentials (a profile's read through ``profiles``).
    func settings(_ deployment: Deployment) throws -> BedrockSettings {
        let path = AWSSharedCredentials.path(environment: environment)
        let time = now()
        return try BedrockSettings(deployment: deployment, environment: environment) { profile in
            path.flatMap { profiles.credentials(profile: profile, path: $0, now: time) }
        }
    }

    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        if call.operation == .embeddings { return try await embeddings(call) }
        if let native = call.native, native.dialect == .anthropicMessages { return try await invokeAnthropic(native, call) }
        guard call.operation == .chatCompletions else {
            throw GatewayError.badRequest(
                "Model '\(deployment.modelName)' is a Bedrock Converse model and supports chat completions only.", param: "model")
        }
        let body = try BedrockConverseRequest.converseBody(
            fromOpenAI: call.body, model: deployment.modelName, dropUnsupported: call.dropsUnsupportedParams)
        let response = try await signedPost(
            body, action: call.isStreaming ? "converse-stream" : "converse", accept: call.isStreaming ? "application/vnd.amazon.eventstream" : nil,
            call: call)
        let id = "chatcmpl-\(call.requestID)"
        guard call.isStreaming else {
            let answer = try await client.readJSON(response, deployment: deployment)
            guard answer["output"]?["message"] != nil else {
                throw GatewayError.badGateway(
                    "Upstream '\(deployment.modelName)' returned a body that is not a Converse response.", code: "upstream_invalid_response")
            }
            return .json(BedrockConverseResponse.openAIResponse(fromConverse: answer, model: deployment.upstreamModel, id: id))
        }
        let model = deployment.upstreamModel
        return .stream(
            ChunkStream {
                let state = StreamState(
                    response, deployment: deployment,
                    decoder: BedrockConverseStreamDecoder(model: model, id: id, deploymentName: deployment.modelName))
                return { try await state.next(deployment: deployment) }
            })
    }

    /// The bytes and decoders of one stream; consumed by one task at a time.
    private final class StreamState: @unchecked Sendable {
        private let body: UpstreamBodyReader
        private var frames = EventStreamDecoder()
        private var decoder: BedrockConverseStreamDecoder
        private var pending: ArraySlice<JSON> = []
        private var ended = false

        init(_ response: HTTPClientResponse, deployment: Deployment, decoder: BedrockConverseStreamDecoder) {
            self.body = UpstreamBodyReader(response, deployment: deployment)
            self.decoder = decoder
        }

        /// The next chunk, pulling body buffers only as needed; nil after `metadata`, the stream's last event.
        func next(deployment: Deployment) async throws -> StreamChunk? {
            while true {
                if let chunk = pending.popFirst() { return StreamChunk(json: chunk) }
                if decoder.finished { return nil }
                do {
                    if let message = try frames.next() {
                        pending += try decoder.decode(message)
                        continue
                    }
                    guard !ended else {
                        try frames.finish()
                        throw GatewayError.badGateway(
                            "Upstream '\(deployment.modelName)' ended the stream before it was complete.", code: "upstream_stream_cut")
                    }
                } catch let error as EventStreamError {
                    throw BedrockErrors.streamFraming(error, deploymentName: deployment.modelName)
                }
                if let buffer = try await body.next() { frames.feed(buffer) } else { ended = true }
            }
        }
    }
}
