import AnthropicMessagesDialect
import AsyncHTTPClient
import GatewayCore

/// InvokeModelWithResponseStream's answer for a Claude model, as view chunks that carry Anthropic's events.
///
/// The body is an AWS event stream (``EventStreamDecoder``, both CRCs checked); each `chunk` event's payload is
/// `{"bytes": "<base64>"}`, and the bytes are one event of Anthropic's Messages stream as JSON
/// (``anthropicEvent(in:deploymentName:)``). Those go to the same relay the Anthropic provider uses
/// (``AnthropicEventRelay``), so the client gets `event: <type>` / `data: <json>` as Anthropic would send them and
/// the hooks read the OpenAI view. The stream ends at `message_stop`; an exception message (`throttlingException`,
/// `modelStreamErrorException`, ...) fails it as the same exception fails a ConverseStream (``BedrockErrors``), and a
/// body that ends before `message_stop` was cut. Pulls body buffers only as chunks are asked for; consumed by one task
/// at a time.
final class BedrockInvokeStream: @unchecked Sendable {
    private let body: UpstreamBodyReader
    private var frames = EventStreamDecoder()
    private let relay: AnthropicEventRelay
    private let deploymentName: String
    private var ended = false

    /// - Parameters:
    ///   - response: the 200 response of InvokeModelWithResponseStream, its body still to be read.
    ///   - deployment: the model each view chunk reports, and the deployment named in errors.
    init(_ response: HTTPClientResponse, deployment: Deployment) {
        self.body = UpstreamBodyReader(response, deployment: deployment)
        self.relay = AnthropicEventRelay(AnthropicStreamDecoder(model: deployment.upstreamModel), keepsEvents: true)
        self.deploymentName = deployment.modelName
    }

    /// The next chunk; nil after `message_stop`.
    /// - Throws: the mapped exception; 502 `upstream_invalid_response` for a damaged frame or payload, 502
    ///   `upstream_stream_cut` for a stream that ends early; what a failed body read maps to (``UpstreamBodyReader``).
    func next() async throws -> StreamChunk? {
        while true {
            if let chunk = relay.ready.popFirst() { return chunk }
            if relay.finished { return nil }
            do {
                if let message = try frames.next() {
                    if let event = try Self.anthropicEvent(in: message, deploymentName: deploymentName) { try relay.take(event) }
                    continue
                }
                guard !ended else {
                    try frames.finish()
                    throw GatewayError.badGateway(
                        "Upstream '\(deploymentName)' ended the stream before it was complete.", code: "upstream_stream_cut")
                }
            } catch let error as EventStreamError {
                throw BedrockErrors.streamFraming(error, deploymentName: deploymentName)
            }
            if let buffer = try await body.next() { frames.feed(buffer) } else { ended = true }
        }
    }
}
