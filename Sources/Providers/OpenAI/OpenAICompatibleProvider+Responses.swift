import AsyncHTTPClient
public import GatewayCore
import OpenAIResponsesDialect

/// `/v1/responses` to a deployment that speaks the Responses API (``OpenAICompatibleProvider/speaksResponses``): the
/// body goes to `{api_base}/responses` as the client sent it (``UpstreamCall/native``: `model` set, a hook's text
/// edits carried over), and the answer or each stream event comes back as the upstream sent it. The hooks read its
/// chat view (``ResponsesChatView``, ``ResponsesStreamDecoder``).
extension OpenAICompatibleProvider {
    public var nativeDialects: Set<Dialect> { speaksResponses ? [.openAIResponses] : [] }

    /// Gateway-level fields LiteLLM clients send beside the API's own (the pipeline reads them from the view): never
    /// sent upstream.
    static let gatewayFields = ["fallbacks", "guardrails"]

    func sendResponses(_ native: NativeBody, _ call: UpstreamCall, base: String) async throws -> GatewayResponse {
        var headers = call.headers
        if let key = call.deployment.apiKey, !key.isEmpty { headers.append(("authorization", "Bearer \(key)")) }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return try await Self.relayResponses(
            native: native, call: call, url: trimmed + "/responses", headers: headers, client: client,
            secrets: SecretScrubber(secrets(of: call.deployment)))
    }

    /// Posts a Responses API request to `url` as the client sent it and relays the answer or the event stream: what
    /// ``send(_:)`` does for `/v1/responses` once it has the URL and the credentials, public for providers that serve
    /// the Responses API under another URL scheme or another auth (Azure OpenAI).
    ///
    /// The gateway's own fields (`fallbacks`, `guardrails`) are taken out; a `previous_response_id` the gateway issued
    /// (``NativeResponseID``) goes up as the upstream's id, and must name `call`'s deployment. Every response id the
    /// client sees is rewritten so that a follow-up comes back to this deployment (``ResponseIDRewriter``). The hooks
    /// read the answer's chat view (``ResponsesChatView``, ``ResponsesStreamDecoder``).
    /// - Parameters:
    ///   - native: the request in the Responses dialect, `model` already set to the deployment's upstream model.
    ///   - call: the call it belongs to (deployment, headers).
    ///   - url: the full endpoint URL, query included.
    ///   - headers: the call's headers plus the provider's credentials.
    ///   - client: the shared upstream client.
    ///   - secrets: the credentials in `headers`, taken out of any upstream error message.
    /// - Returns: the upstream's answer (``NativeAnswer``), or its events with their chat view.
    /// - Throws: ``GatewayError`` for a `previous_response_id` of another deployment (400), or an unreachable, failing
    ///   or malformed upstream.
    public static func relayResponses(
        native: NativeBody, call: UpstreamCall, url: String, headers: [(String, String)], client: UpstreamHTTPClient,
        secrets: SecretScrubber
    ) async throws -> GatewayResponse {
        let deployment = call.deployment
        var body = native.json
        for key in Self.gatewayFields { body[key] = nil }
        var ids = ResponseIDRewriter(deploymentID: deployment.id, provider: deployment.provider)
        if let previous = body["previous_response_id"]?.stringValue, let decoded = NativeResponseID(decoding: previous) {
            // Routing pinned the request to the deployment that holds the conversation (ResponsesRoutes).
            guard decoded.deploymentID == deployment.id else {
                throw GatewayError.badRequest(
                    "'previous_response_id' names a response of another deployment than '\(deployment.modelName)'.", param: "previous_response_id")
            }
            body["previous_response_id"] = .string(decoded.upstreamID)
            ids.previous = (previous, decoded.upstreamID)
        }
        let response = try await client.post(url: url, headers: headers, body: body, deployment: deployment, secrets: secrets)
        let model = deployment.upstreamModel
        let rewriter = ids
        guard body["stream"]?.boolValue ?? false else {
            let upstreamAnswer = try await client.readJSON(response, deployment: deployment)
            guard upstreamAnswer["object"] == "response" else {
                throw GatewayError.badGateway(
                    "Upstream '\(deployment.modelName)' returned a body that is not a Responses API response.", code: "upstream_invalid_response")
            }
            // The client sees the id that leads a follow-up back here, so the body is written anew.
            let answer = rewriter.rewritingID(of: upstreamAnswer)
            return .native(
                NativeAnswer(
                    dialect: .openAIResponses, body: answer, view: ResponsesChatView.completion(fromResponse: answer), bytes: answer.serialized()))
        }
        return .stream(
            ChunkStream {
                let events = UpstreamEventStream(response, deployment: deployment)
                let relay = ResponsesRelay(ResponsesStreamDecoder(model: model))
                return {
                    while true {
                        if let chunk = relay.ready.popFirst() { return chunk }
                        if relay.decoder.finished { return nil }
                        guard let event = try await events.next() else {
                            throw GatewayError.badGateway(
                                "Upstream '\(deployment.modelName)' ended the stream before it was complete.", code: "upstream_stream_cut")
                        }
                        do {
                            try relay.take(rewriter.rewritingID(in: event))
                        } catch let error as GatewayError {
                            throw GatewayError.badGateway(
                                "Upstream '\(deployment.modelName)': \(error.message)", code: error.code ?? "upstream_stream_failed")
                        }
                    }
                }
            })
    }

    /// Decodes each upstream event into view chunks and hands the events themselves out with the first chunk they
    /// give; events that give none (`*.done`, `response.in_progress`, part starts) wait for the next chunk, and the
    /// last ones (`response.completed` with whatever it did not turn into a chunk) go with the final chunks.
    /// Consumed by one task at a time.
    private final class ResponsesRelay: @unchecked Sendable {
        var decoder: ResponsesStreamDecoder
        var ready: ArraySlice<StreamChunk> = []
        private var waiting: [ServerSentEvent] = []

        init(_ decoder: ResponsesStreamDecoder) { self.decoder = decoder }

        func take(_ event: ServerSentEvent) throws {
            waiting.append(event)
            let views = try decoder.decode(event)
            for (index, view) in views.enumerated() {
                let events = index == 0 ? waiting : []
                ready.append(StreamChunk(json: view, native: NativeEvents(dialect: .openAIResponses, events: events, view: view)))
            }
            if !views.isEmpty { waiting = [] }
        }
    }
}
