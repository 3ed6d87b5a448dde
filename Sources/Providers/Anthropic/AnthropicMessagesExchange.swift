import AnthropicMessagesDialect
public import AsyncHTTPClient
public import GatewayCore

/// One Anthropic Messages call over HTTP and its answer, for every upstream that speaks Anthropic's format under its
/// own URL and auth: Anthropic's API (``AnthropicProvider``) and Claude on Vertex AI (`rawPredict` /
/// `streamRawPredict`).
///
/// The body is posted as given; a whole answer must be an Anthropic message, a stream is Anthropic's SSE events ending
/// at `message_stop` (``AnthropicStreamDecoder`` through ``AnthropicEventRelay``). When the client speaks Anthropic's
/// dialect (`native`), the answer's bytes and each event go back as the upstream sent them, with the OpenAI view on the
/// side for the hooks; otherwise the answer is the OpenAI view alone.
public enum AnthropicMessagesExchange {
    /// Posts `body` to `url` and reads the answer.
    /// - Parameters:
    ///   - streams: whether the body asks for a stream (the answer is then an event stream).
    ///   - native: whether the client speaks Anthropic's dialect (answer relayed as sent) or OpenAI chat (translated).
    ///   - secrets: what to scrub from the upstream's error messages.
    /// - Throws: what ``UpstreamHTTPClient`` throws; 502 `upstream_invalid_response` for a whole answer that is not an
    ///   Anthropic message.
    public static func send(
        _ body: JSON, url: String, headers: [(String, String)], streams: Bool, native: Bool, client: UpstreamHTTPClient, deployment: Deployment,
        secrets: SecretScrubber
    ) async throws -> GatewayResponse {
        let response = try await client.post(url: url, headers: headers, body: body, deployment: deployment, secrets: secrets)
        guard streams else { return try await wholeAnswer(response, client: client, deployment: deployment, native: native) }
        return .stream(chunks(from: response, deployment: deployment, relayingEvents: native))
    }

    /// A whole answer's body read as Anthropic's message (also Bedrock's InvokeModel answer for Claude): with its bytes as
    /// received and the OpenAI view beside it when `native`, else the view.
    /// - Throws: what ``UpstreamHTTPClient/readJSONWithBytes(_:deployment:)`` throws; 502 `upstream_invalid_response` for
    ///   a body that is not an Anthropic message.
    public static func wholeAnswer(_ response: HTTPClientResponse, client: UpstreamHTTPClient, deployment: Deployment, native: Bool)
        async throws -> GatewayResponse
    {
        let (message, bytes) = try await client.readJSONWithBytes(response, deployment: deployment)
        guard message["type"]?.stringValue == "message" else {
            throw GatewayError.badGateway(
                "Upstream '\(deployment.modelName)' returned a body that is not an Anthropic message.", code: "upstream_invalid_response")
        }
        let view = AnthropicResponseTranslator.openAIResponse(fromAnthropic: message, model: deployment.upstreamModel)
        return native ? .native(NativeAnswer(dialect: .anthropicMessages, body: message, view: view, bytes: bytes)) : .json(view)
    }

    /// An Anthropic event stream as view chunks (``AnthropicStreamDecoder``), each with the events it came from when
    /// `relayingEvents` (the client speaks Anthropic's dialect); the stream ends at `message_stop`, and a body that
    /// ends before it was cut.
    static func chunks(from response: HTTPClientResponse, deployment: Deployment, relayingEvents: Bool) -> ChunkStream {
        ChunkStream {
            let events = UpstreamEventStream(response, deployment: deployment)
            let relay = AnthropicEventRelay(AnthropicStreamDecoder(model: deployment.upstreamModel), keepsEvents: relayingEvents)
            let failure = HeldFailure()
            return {
                while true {
                    if var chunk = relay.ready.popFirst() {
                        // Events already read are decoded now, so the chunk can tell whether another follows without a
                        // wait; a failure among them is thrown at the next pull, after this chunk.
                        do {
                            while relay.ready.isEmpty, !relay.finished, failure.error == nil, !events.readyEvents.isEmpty,
                                let event = try await events.next()
                            {
                                try relay.take(event)
                            }
                        } catch {
                            failure.error = error
                        }
                        chunk.nextIsReady = !relay.ready.isEmpty || relay.finished || failure.error != nil
                        return chunk
                    }
                    if let error = failure.error { throw error }
                    if relay.finished { return nil }
                    guard let event = try await events.next() else {
                        throw GatewayError.badGateway(
                            "Upstream '\(deployment.modelName)' ended the stream before it was complete.", code: "upstream_stream_cut")
                    }
                    try relay.take(event)
                }
            }
        }
    }
}

/// An error met while reading ahead, thrown at the stream's next pull. Touched by the one task pulling the stream.
private final class HeldFailure: @unchecked Sendable {
    var error: (any Error)?
}
