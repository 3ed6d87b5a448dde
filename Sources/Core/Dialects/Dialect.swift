/// A wire format a request or an answer is written in: `openai.chat`, `anthropic.messages`, ...
///
/// A request keeps the dialect it arrived in. When the deployment that serves it speaks that dialect natively
/// (``Provider/nativeDialects``), the body goes upstream as it came and the answer comes back as the upstream sent
/// it; otherwise it is translated. Hooks read an OpenAI-chat-shaped view of either (``GatewayRequest/body``), so a
/// plugin does not change when a dialect is added. An open set: a provider module may name its own.
public struct Dialect: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// `/v1/chat/completions`.
    public static let openAIChat = Dialect(rawValue: "openai.chat")
    /// `/v1/completions`.
    public static let openAICompletions = Dialect(rawValue: "openai.completions")
    /// `/v1/embeddings`.
    public static let openAIEmbeddings = Dialect(rawValue: "openai.embeddings")
    /// `/v1/responses`.
    public static let openAIResponses = Dialect(rawValue: "openai.responses")
    /// Anthropic's `/v1/messages`.
    public static let anthropicMessages = Dialect(rawValue: "anthropic.messages")
}
