import AsyncHTTPClient
import GatewayCore

/// Chat completions over `POST /v2/chat`, whole or streamed.
extension CohereProvider {
    func chat(_ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        let body = try CohereChatRequest.cohereBody(
            fromOpenAI: call.body, deploymentName: deployment.modelName, dropUnsupported: call.dropsUnsupportedParams)
        let response = try await post(body, path: "chat", call: call, accept: call.isStreaming ? "text/event-stream" : "application/json")
        guard call.isStreaming else {
            let answer = try await client.readJSON(response, deployment: deployment)
            return .json(
                try CohereChatResponse.openAIResponse(fromCohere: answer, model: deployment.upstreamModel, deploymentName: deployment.modelName))
        }
        let model = deployment.upstreamModel
        let id = "chatcmpl-\(call.requestID)"
        return .stream(
            ChunkStream {
                let state = StreamState(
                    response, deployment: deployment, decoder: CohereStreamDecoder(model: model, id: id, deploymentName: deployment.modelName))
                return { try await state.next() }
            })
    }

    /// The events and decoder of one stream; consumed by one task at a time.
    private final class StreamState: @unchecked Sendable {
        private let events: UpstreamEventStream
        private var decoder: CohereStreamDecoder
        private var pending: ArraySlice<JSON> = []
        private let deployment: Deployment

        init(_ response: HTTPClientResponse, deployment: Deployment, decoder: CohereStreamDecoder) {
            self.events = UpstreamEventStream(response, deployment: deployment)
            self.decoder = decoder
            self.deployment = deployment
        }

        /// The next chunk; nil after `message-end`. - Throws: 502 `upstream_stream_cut` when the body ends before it.
        func next() async throws -> StreamChunk? {
            while true {
                if let chunk = pending.popFirst() { return StreamChunk(json: chunk) }
                if decoder.finished { return nil }
                guard let event = try await events.next() else {
                    throw GatewayError.badGateway(
                        "Upstream '\(deployment.modelName)' ended the stream before it was complete.", code: "upstream_stream_cut")
                }
                if event.data.isEmpty || event.data == "[DONE]" { continue }
                pending += try decoder.decode(event.data)
            }
        }
    }
}
