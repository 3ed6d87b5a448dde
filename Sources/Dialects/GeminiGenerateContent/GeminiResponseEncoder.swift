public import GatewayCore

/// Writes an OpenAI `chat.completion` as a Gemini `GenerateContentResponse`, for a client of
/// `generateContent` whose call went to a deployment of another dialect.
///
/// | OpenAI chat | Gemini |
/// | --- | --- |
/// | `choices[]` | `candidates[]` (`index` kept), `content.role: model` |
/// | `reasoning_content` | a first `{"text": ..., "thought": true}` part, when the request asked for thoughts |
/// | `content` (and `refusal`) | a `text` part |
/// | `tool_calls` | `functionCall` parts (`args` parsed from `arguments`; `id` the call's, a Gemini thought signature it carries as the part's `thoughtSignature`, ``GeminiToolCallID``) |
/// | `finish_reason` | `finishReason` (``finishReason(fromOpenAI:)``) |
/// | `usage` | `usageMetadata` (``usageMetadata(fromOpenAI:)``) |
/// | `id`, the model | `responseId`, `modelVersion` |
public enum GeminiResponseEncoder {
    /// The Gemini answer.
    /// - Parameters:
    ///   - completion: the OpenAI answer.
    ///   - model: the model name the client called.
    ///   - includeThoughts: whether to write reasoning as `thought` parts (the request's `includeThoughts`).
    public static func geminiResponse(fromOpenAI completion: JSON, model: String, includeThoughts: Bool) -> JSON {
        let candidates: [JSON] = (completion["choices"]?.arrayValue ?? []).enumerated().map { offset, choice in
            let message = choice["message"] ?? [:]
            var parts = textParts(of: message, includeThoughts: includeThoughts)
            for call in message["tool_calls"]?.arrayValue ?? [] {
                parts.append(
                    functionCallPart(
                        id: call["id"]?.stringValue, name: call["function"]?["name"]?.stringValue,
                        arguments: call["function"]?["arguments"]?.stringValue))
            }
            var candidate: JSON = ["content": ["role": "model", "parts": .array(parts)], "index": .int(choice["index"]?.intValue ?? offset)]
            if let reason = finishReason(fromOpenAI: choice["finish_reason"]?.stringValue) { candidate["finishReason"] = .string(reason) }
            addLogprobs(choice["logprobs"], to: &candidate)
            return candidate
        }
        var response: JSON = ["candidates": .array(candidates), "modelVersion": .string(model)]
        if let usage = usageMetadata(fromOpenAI: completion["usage"]) { response["usageMetadata"] = usage }
        if let id = completion["id"]?.stringValue { response["responseId"] = .string(id) }
        return response
    }

    /// The text parts of a message or a streamed delta: its reasoning as a `thought` part (when asked for), then its
    /// content and refusal.
    static func textParts(of message: JSON, includeThoughts: Bool) -> [JSON] {
        var parts: [JSON] = []
        if includeThoughts, let reasoning = message["reasoning_content"]?.stringValue, !reasoning.isEmpty {
            parts.append(["text": .string(reasoning), "thought": true])
        }
        if let text = message["content"]?.stringValue, !text.isEmpty { parts.append(["text": .string(text)]) }
        if let refusal = message["refusal"]?.stringValue, !refusal.isEmpty { parts.append(["text": .string(refusal)]) }
        return parts
    }

    /// A `functionCall` part: `args` parsed from the arguments (`{}` when they are not a JSON object, as Gemini's
    /// `args` is always one), the id split from a thought signature it carries.
    static func functionCallPart(id: String?, name: String?, arguments: String?) -> JSON {
        var args: JSON = [:]
        if let arguments, let parsed = try? JSONParser.parse(arguments), case .object = parsed { args = parsed }
        var call: JSON = ["name": .string(name ?? ""), "args": args]
        var part: JSON = [:]
        if let id, !id.isEmpty {
            if let signature = GeminiToolCallID.signature(in: id) {
                part["thoughtSignature"] = .string(signature)
                call["id"] = .string(String(id.dropLast(GeminiToolCallID.separator.count + signature.count)))
            } else {
                call["id"] = .string(id)
            }
        }
        part["functionCall"] = call
        return part
    }

    /// OpenAI's `logprobs.content` (asked for with `responseLogprobs`) as Gemini's `logprobsResult` (each token chosen
    /// and its top alternatives, `token` and `logProbability`) and `avgLogprobs`; nothing when the choice has none.
    static func addLogprobs(_ logprobs: JSON?, to candidate: inout JSON) {
        guard let tokens = logprobs?["content"]?.arrayValue, !tokens.isEmpty else { return }
        func entry(_ token: JSON) -> JSON { ["token": token["token"] ?? "", "logProbability": token["logprob"] ?? 0] }
        let chosen = tokens.map(entry)
        let top: [JSON] = tokens.map { ["candidates": .array(($0["top_logprobs"]?.arrayValue ?? []).map(entry))] }
        candidate["logprobsResult"] = ["chosenCandidates": .array(chosen), "topCandidates": .array(top)]
        let values = tokens.compactMap { $0["logprob"]?.doubleValue }.filter(\.isFinite)
        if !values.isEmpty { candidate["avgLogprobs"] = .double(values.reduce(0, +) / Double(values.count)) }
    }

    /// Gemini's `finishReason` for OpenAI's: `stop` and `tool_calls` → `STOP` (Gemini ends a call turn with STOP),
    /// `length` → `MAX_TOKENS`, `content_filter` → `SAFETY`, anything else → `OTHER`; nil while unfinished.
    public static func finishReason(fromOpenAI reason: String?) -> String? {
        switch reason {
        case nil: nil
        case "stop", "tool_calls", "function_call": "STOP"
        case "length": "MAX_TOKENS"
        case "content_filter": "SAFETY"
        default: "OTHER"
        }
    }

    /// Gemini's `usageMetadata` for OpenAI's `usage`; nil when absent.
    ///
    /// `promptTokenCount` is the prompt (cached tokens included, as both count them) and `cachedContentTokenCount`
    /// the cached part; `candidatesTokenCount` is the completion less its reasoning, which Gemini counts apart as
    /// `thoughtsTokenCount`; `totalTokenCount` is their sum.
    public static func usageMetadata(fromOpenAI usage: JSON?) -> JSON? {
        guard let usage = Usage(openAI: usage) else { return nil }
        var metadata: JSON = [
            "promptTokenCount": .int(usage.promptTokens), "candidatesTokenCount": .int(usage.completionTokens - usage.reasoningTokens),
            "totalTokenCount": .int(usage.totalTokens),
        ]
        if usage.reasoningTokens > 0 { metadata["thoughtsTokenCount"] = .int(usage.reasoningTokens) }
        if usage.cachedReadTokens > 0 { metadata["cachedContentTokenCount"] = .int(usage.cachedReadTokens) }
        return metadata
    }
}
