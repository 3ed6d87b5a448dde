import Foundation
import GatewayCore

/// What a guardrail does with the texts it is given: the kind-specific part of a ``GuardrailDefinition``.
enum GuardrailCheck: Sendable {
    /// `keywords`, `regex` and `pii`: find matches, then block or mask them.
    case content(any TextMatcher, GuardrailAction)
    /// `max_input`: a cap on the request's characters and/or estimated tokens (``TokenEstimator``).
    case inputCap(maxCharacters: Int?, maxTokens: Int?)
    /// `http`: ask a service.
    case http(HTTPGuardrail)

    /// Runs the check on `texts`.
    /// - Throws: only what the HTTP client throws when its service fails closed (a ``GatewayError``).
    func evaluate(
        _ texts: [String], name: String, mode: GuardrailMode, requestID: String, services: GuardrailServices
    ) async throws -> GuardrailVerdict {
        switch self {
        case .content(let matcher, let action):
            var rewritten = texts
            var labels: [String] = []
            var blocking: [String] = []
            for (index, text) in texts.enumerated() {
                let matches = matcher.matches(in: text)
                guard !matches.isEmpty else { continue }
                for match in matches where !labels.contains(match.label) { labels.append(match.label) }
                for match in matches where match.blocks && !blocking.contains(match.label) { blocking.append(match.label) }
                if action == .mask { rewritten[index] = text.masking(matches) }
            }
            if labels.isEmpty { return .allow }
            // A masking guardrail's blocking rule (LiteLLM's content filter) blocks the whole text.
            if !blocking.isEmpty { return .block(reason: Self.describe(blocking)) }
            switch action {
            case .block: return .block(reason: Self.describe(labels))
            case .mask: return .rewrite(rewritten)
            }
        case .inputCap(let maxCharacters, let maxTokens):
            let characters = texts.reduce(0) { $0 + $1.count }
            if let maxCharacters, characters > maxCharacters {
                return .block(reason: "the input has \(characters) characters, over the limit of \(maxCharacters)")
            }
            let tokens = TokenEstimator.tokens(characters: characters)
            if let maxTokens, tokens > maxTokens {
                return .block(reason: "the input has about \(tokens) tokens, over the limit of \(maxTokens)")
            }
            return .allow
        case .http(let client):
            return try await client.evaluate(texts, name: name, mode: mode, requestID: requestID, services: services)
        }
    }

    /// `a blocked keyword`, `email and phone`: what was found, for a block reason.
    static func describe(_ labels: [String]) -> String {
        let names = labels.map { label in
            switch label {
            case "keyword": "a blocked keyword"
            case "pattern": "a blocked pattern"
            default: label.replacingOccurrences(of: "_", with: " ")
            }
        }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        return "the text contains " + list
    }
}
