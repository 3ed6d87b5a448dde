import Foundation

/// The OpenAI tool-call id of a Gemini `functionCall`.
///
/// Gemini's calls carry no id on AI Studio (or an optional `id`), and Gemini 2.5/3 attach a `thoughtSignature` to a
/// call that must come back with it on the next turn. The id is Gemini's own `id` when it sent one, else `call_`
/// and 24 random hex digits; a signature rides after `__thought__` (as LiteLLM carries it), so a client that sends
/// the assistant message back unchanged sends the signature back too. Tool results are matched to calls by id,
/// then sent to Gemini by function name.
public enum GeminiToolCallID {
    static let separator = "__thought__"

    /// The id for a call.
    /// - Parameters:
    ///   - geminiID: the call's `id`, when Gemini sent one.
    ///   - signature: the part's `thoughtSignature`.
    public static func make(geminiID: String?, signature: String?) -> String {
        let base =
            geminiID.flatMap { $0.isEmpty ? nil : $0 } ?? "call_"
            + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24))
        guard let signature, !signature.isEmpty else { return base }
        return base + separator + signature
    }

    /// The thought signature an id carries; nil when none.
    public static func signature(in id: String) -> String? {
        guard let range = id.range(of: separator) else { return nil }
        let signature = String(id[range.upperBound...])
        return signature.isEmpty ? nil : signature
    }
}
