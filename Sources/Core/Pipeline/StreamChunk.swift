/// One OpenAI `chat.completion.chunk` of a streamed response.
///
/// Keeps the upstream's bytes when the chunk came from an OpenAI-compatible upstream, so an unchanged chunk is
/// forwarded byte for byte; changing ``json`` drops them. Such a chunk is parsed only when something reads ``json``:
/// a relayed stream that no hook reads is checked (``JSONValidator``) but not built into values.
public struct StreamChunk: Sendable {
    /// The chunk object.
    public var json: JSON {
        get { parsed ?? unparsed?.json ?? [:] }
        set {
            parsed = newValue
            unparsed = nil
            rawData = nil
        }
    }
    private var parsed: JSON?
    private var unparsed: DeferredJSON?
    /// The original `data:` payload, valid while ``json`` is unchanged.
    public private(set) var rawData: String?
    /// The upstream events this chunk was decoded from, when the upstream speaks the request's dialect: what the
    /// client gets in place of ``json`` (``NativeEvents``).
    public var native: NativeEvents?
    /// Whether the next chunk is already in memory (the upstream's events arrived in one read), so a writer may hold
    /// this chunk's bytes and send them with the next in one write instead of flushing each. False when unsure: the
    /// next pull may wait on the network, and a held chunk would wait with it.
    public var nextIsReady: Bool

    public init(json: JSON, rawData: String? = nil, native: NativeEvents? = nil, nextIsReady: Bool = false) {
        self.parsed = json
        self.rawData = rawData
        self.native = native
        self.nextIsReady = nextIsReady
    }

    /// A chunk kept as the upstream's `data:` payload and parsed when ``json`` is first read.
    /// - Returns: nil when `data` is not one JSON object (checked by ``JSONValidator``).
    public init?(jsonObjectText data: String, nextIsReady: Bool = false) {
        guard let deferred = DeferredJSON.object(.string(data)) else { return nil }
        self.unparsed = deferred
        self.rawData = data
        self.nextIsReady = nextIsReady
    }

    /// The `data:` payload to send: the original bytes when untouched.
    public var data: String { rawData ?? json.serializedString() }

    /// False only when the chunk certainly has no member named `key` at any depth (the check of its unparsed text
    /// saw none), so a reader can skip parsing it; true otherwise.
    public func mayHaveMember(named key: String) -> Bool {
        guard parsed == nil, let unparsed else { return true }
        return unparsed.mayHaveMember(named: key)
    }

    /// Characters of completion text in this chunk, to estimate usage when the upstream reports none
    /// (``TokenEstimator/completionCharacters(_:)``); an unparsed chunk is counted from its text without parsing it.
    public var completionCharacters: Int {
        // OpenAI's chunks have these names only in a choice's delta and its tool calls' functions: the same count.
        guard parsed == nil, let texts = unparsed?.strings(named: ["content", "text", "name", "arguments"]) else {
            return TokenEstimator.completionCharacters(json)
        }
        return texts.reduce(0) { $0 + TokenEstimator.characters($1) }
    }

    /// The `usage` of this chunk, when the upstream sent one (the last chunk, with `stream_options.include_usage`).
    public var usage: Usage? {
        guard mayHaveMember(named: "usage") else { return nil }
        return Usage(openAI: json["usage"])
    }
}
