public import GatewayCore

extension Dialect {
    /// Google's `generateContent` / `streamGenerateContent` (Gemini on AI Studio and on Vertex AI).
    public static let geminiGenerateContent = Dialect(rawValue: "gemini.generate_content")
}
