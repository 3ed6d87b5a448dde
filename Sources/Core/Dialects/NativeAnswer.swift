import Foundation
public import NIOCore

/// A whole answer in the dialect of the request, from a deployment that speaks it, with the OpenAI-shaped view the
/// hooks read (usage, texts, tool calls). The client gets ``body`` as the upstream sent it, unless a hook changed
/// the view: then the texts it rewrote are replaced in ``body`` too (``TextEdits``).
public struct NativeAnswer: Sendable {
    public let dialect: Dialect
    /// The answer in ``dialect``, as the upstream sent it until a hook changed it.
    public var body: JSON {
        get { storedBody ?? deferred?.json ?? [:] }
        set {
            storedView = view
            storedBody = newValue
            deferred = nil
        }
    }
    /// The OpenAI-shaped view the hooks read.
    public var view: JSON {
        get { storedView ?? deferred?.json ?? [:] }
        set {
            storedBody = body
            storedView = newValue
            deferred = nil
        }
    }
    /// ``body`` as the upstream's bytes, relayed as they came while the answer is unchanged; nil once changed.
    public var bytes: ByteBuffer?
    private var storedBody: JSON?
    private var storedView: JSON?
    /// The upstream's text, when the answer is its own view (an OpenAI answer to an OpenAI client) and not parsed yet.
    private var deferred: DeferredJSON?

    public init(dialect: Dialect, body: JSON, view: JSON, bytes: ByteBuffer? = nil) {
        self.dialect = dialect
        self.storedBody = body
        self.storedView = view
        self.bytes = bytes
    }

    /// An answer that is its own view (an OpenAI-shaped answer to an OpenAI client), kept as the upstream's bytes and
    /// parsed only if something reads ``body`` or ``view``: a relayed answer no hook reads is never built into values.
    /// - Returns: nil when `bytes` are not one JSON object (checked by ``JSONValidator``).
    public init?(dialect: Dialect, jsonObjectBytes bytes: ByteBuffer) {
        guard let deferred = DeferredJSON.object(.bytes(bytes), topLevelOnly: true) else { return nil }
        self.dialect = dialect
        self.bytes = bytes
        self.deferred = deferred
    }

    /// The view's top-level member `name`, read from the upstream's text without parsing the rest when the answer has
    /// not been parsed (its `usage`, its `id`).
    public func viewMember(_ name: String) -> JSON? {
        guard let deferred else { return view[name] }
        return deferred.topLevelMember(name)
    }

    /// The body's top-level member `name`, as ``viewMember(_:)`` reads the view's.
    public func bodyMember(_ name: String) -> JSON? {
        guard let deferred else { return body[name] }
        return deferred.topLevelMember(name)
    }

    /// This answer after the hooks turned its view into `changed`.
    /// - Returns: nil when the change cannot be carried over to ``body`` (the caller answers with the view, translated).
    public func carryingOver(_ changed: JSON) -> NativeAnswer? {
        if changed == view { return self }
        guard let edits = TextEdits.between(view, changed), let edited = edits.applied(to: body) else { return nil }
        return NativeAnswer(dialect: dialect, body: edited, view: changed)
    }

    /// The answer for a client of `dialect`: the upstream's bytes or body when it is this answer's dialect, nil when
    /// the client needs a translation of ``view``.
    public func rendered(for dialect: Dialect) -> ByteBuffer? {
        guard dialect == self.dialect else { return nil }
        return bytes ?? body.serialized()
    }
}

/// The upstream events a streamed view chunk was decoded from, in the request's dialect, relayed to the client as
/// they came while the chunk is unchanged (``StreamChunk/native``).
public struct NativeEvents: Sendable {
    public let dialect: Dialect
    public var events: [ServerSentEvent]
    /// The chunk's view as decoded; a hook's change of the view is carried over by comparing against it.
    public let view: JSON

    public init(dialect: Dialect, events: [ServerSentEvent], view: JSON) {
        self.dialect = dialect
        self.events = events
        self.view = view
    }
}

extension NativeEvents {
    /// Names of events that carry content (text, thinking, tool arguments), as opposed to the structure around it
    /// (a message or block starting and stopping, the stop reason and usage): Anthropic's and the Responses API's.
    static let contentEvents: Set<String> = [
        "content_block_delta", "response.output_text.delta", "response.refusal.delta", "response.reasoning_summary_text.delta",
        "response.reasoning_text.delta", "response.function_call_arguments.delta",
    ]

    /// The events without their content: what is relayed for a chunk a hook dropped, so the stream's structure
    /// stays whole while nothing the hook removed reaches the client.
    public func droppingContent() -> NativeEvents {
        NativeEvents(dialect: dialect, events: events.filter { !Self.contentEvents.contains($0.event ?? "") }, view: view)
    }

    /// The events with every earlier edit of the stream applied inside their texts: events that repeat what
    /// streamed before (Responses' `response.output_text.done`, `response.completed`) must not bring back a text a
    /// hook rewrote in an earlier chunk. Each edit's text before is replaced wherever it occurs within a string.
    public func repeatingEdits(_ earlier: [TextEdits.Edit]) -> NativeEvents {
        guard !earlier.isEmpty else { return self }
        let rewritten = events.map { event -> ServerSentEvent in
            guard earlier.contains(where: { event.data.contains(Self.escaped($0.old)) }), let payload = try? JSONParser.parse(event.data) else {
                return event
            }
            return ServerSentEvent(event: event.event, data: Self.replacing(earlier, in: payload).serializedString())
        }
        return NativeEvents(dialect: dialect, events: rewritten, view: view)
    }

    /// A text as it appears inside serialized JSON (quotes and backslashes escaped), for a cheap first check.
    private static func escaped(_ text: String) -> String {
        let quoted = JSON.string(text).serializedString()
        return String(quoted.dropFirst().dropLast())
    }

    private static func replacing(_ edits: [TextEdits.Edit], in json: JSON) -> JSON {
        switch json {
        case .string(var text):
            for edit in edits where !edit.old.isEmpty { text = text.replacingOccurrences(of: edit.old, with: edit.new) }
            return .string(text)
        case .array(let items): return .array(items.map { replacing(edits, in: $0) })
        case .object(let members): return .object(members.mapValues { replacing(edits, in: $0) })
        default: return json
        }
    }

    /// The events to relay for a chunk whose view a hook turned into `changed`: as they came when it is unchanged;
    /// with the texts it rewrote replaced (``TextEdits``); without their content when the change cannot be carried
    /// over.
    public func carryingOver(_ changed: JSON) -> [ServerSentEvent] {
        if changed == view { return events }
        let payloads = events.map { (try? JSONParser.parse($0.data)) ?? .null }
        guard let edits = TextEdits.between(view, changed), let edited = edits.applied(to: .array(payloads))?.arrayValue,
            edited.count == events.count
        else { return droppingContent().events }
        return zip(events, zip(payloads, edited)).map { event, pair in
            pair.0 == pair.1 ? event : ServerSentEvent(event: event.event, data: pair.1.serializedString())
        }
    }
}
