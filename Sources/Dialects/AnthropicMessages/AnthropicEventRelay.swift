public import GatewayCore

/// Turns the events of an Anthropic Messages stream into view chunks (``AnthropicStreamDecoder``) and, when it keeps
/// events (the client speaks Anthropic's dialect), hands the events themselves out with the first chunk they give.
///
/// Events that give no chunk (block starts and stops, signatures, pings) wait for the next chunk; the last ones
/// (`message_stop`) end the stream in a chunk of their own with an empty view. Whatever the events came in (the
/// server-sent events of Anthropic's API, or the event-stream `chunk` payloads of Bedrock's
/// InvokeModelWithResponseStream), the client gets them as Anthropic's events. A reference type consumed by one task
/// at a time, as a stream is.
///
/// ```swift
/// let relay = AnthropicEventRelay(AnthropicStreamDecoder(model: model), keepsEvents: true)
/// while !relay.finished, let event = try await events.next() {
///     try relay.take(event)
///     while let chunk = relay.ready.popFirst() { send(chunk) }
/// }
/// ```
public final class AnthropicEventRelay: @unchecked Sendable {
    private var decoder: AnthropicStreamDecoder
    private let keepsEvents: Bool
    private var waiting: [ServerSentEvent] = []
    /// Chunks decoded and not yet handed out, oldest first.
    public var ready: ArraySlice<StreamChunk> = []
    /// Whether `message_stop`, the stream's last event, arrived.
    public private(set) var finished = false

    /// - Parameters:
    ///   - decoder: the decoder of this stream's events.
    ///   - keepsEvents: whether chunks carry the events they came from (``StreamChunk/native``).
    public init(_ decoder: AnthropicStreamDecoder, keepsEvents: Bool) {
        self.decoder = decoder
        self.keepsEvents = keepsEvents
    }

    /// Decodes one event into ``ready``.
    /// - Parameter event: an Anthropic event, `event:` set to its type.
    /// - Throws: what ``AnthropicStreamDecoder/decode(_:)`` throws (an `error` event, data that is not JSON).
    public func take(_ event: ServerSentEvent) throws {
        let views = try decoder.decode(event)
        if event.event == "message_stop" { finished = true }
        guard keepsEvents else {
            ready += views.map { StreamChunk(json: $0) }
            return
        }
        waiting.append(event)
        for (index, view) in views.enumerated() {
            let events = index == 0 ? waiting : []
            ready.append(StreamChunk(json: view, native: NativeEvents(dialect: .anthropicMessages, events: events, view: view)))
        }
        if !views.isEmpty { waiting = [] }
        if finished, !waiting.isEmpty {
            let view: JSON = ["choices": []]
            ready.append(StreamChunk(json: view, native: NativeEvents(dialect: .anthropicMessages, events: waiting, view: view)))
            waiting = []
        }
    }
}
