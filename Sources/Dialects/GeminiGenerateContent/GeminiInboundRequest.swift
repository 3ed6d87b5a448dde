public import GatewayCore

/// A Gemini `generateContent` request as a client sent it to the gateway, read into the OpenAI chat view the hooks
/// read (``GeminiRequestTranslator/inboundRequest(fromGemini:model:stream:)``).
public struct GeminiInboundRequest: Sendable {
    /// The OpenAI chat request: what a deployment that does not speak Gemini gets, and what the hooks read.
    public var view: JSON
    /// Paths of what the client sent that the view does not carry (`safetySettings`, `tools[0].googleSearch`,
    /// `contents[1].parts[0]` for a video), in the order met: a deployment that speaks Gemini gets them, any other is
    /// refused naming the first unless `drop_params`.
    public var untranslated: [String]
    /// Whether the client asked for thought summaries (`generationConfig.thinkingConfig.includeThoughts`): the
    /// answer of a translated call then carries the upstream's reasoning as `thought` parts.
    public var includeThoughts: Bool

    public init(view: JSON, untranslated: [String], includeThoughts: Bool) {
        self.view = view
        self.untranslated = untranslated
        self.includeThoughts = includeThoughts
    }
}
