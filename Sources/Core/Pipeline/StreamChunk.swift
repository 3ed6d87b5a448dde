/// One OpenAI `chat.completion.chunk` of a streamed response.
///
/// Keeps the upstream's bytes when the chunk came from an OpenAI-compatible upstream, so an unchanged chunk is
/// forwarded byte for byte; changing ``json`` drops them.
public struct StreamChunk: Sendable {
    /// The chunk object.
    public var json: JSON {
        didSet { rawData = nil }
    }
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
        self.json = json
        self.rawData = rawData
        self.native = native
        self.nextIsReady = nextIsReady
    }

    /// The `data:` payload to send: the original bytes when untouched.
    public var data: String { rawData ?? json.serializedString() }

    /// The `usage` of this chunk, when the upstream sent one (the last chunk, with `stream_options.include_usage`).
    public var usage: Usage? { Usage(openAI: json["usage"]) }
}
