public import GatewayCore

/// Turns a stream of OpenAI `chat.completion.chunk` objects into the `GenerateContentResponse`s of a Gemini
/// `streamGenerateContent` stream, for a client whose call went to a deployment of another dialect.
///
/// A value-type state machine that does no I/O; the route writes each response as an SSE `data:` event (or an
/// element of a JSON array without `alt=sse`). Text (and, when asked for, reasoning as `thought` parts) goes out as
/// it comes; a tool call goes out whole, as Gemini streams `functionCall` parts, once its arguments are complete
/// (at its choice's `finish_reason`, or the stream's end). The response that finishes a candidate is held back until
/// ``finish()`` so it carries the usage, which OpenAI sends in a chunk after the `finish_reason`:
///
/// ```swift
/// var encoder = GeminiStreamEncoder(model: "gpt-4o", includeThoughts: false)
/// for try await chunk in stream { for response in encoder.encode(chunk.json) { write(response) } }
/// for response in encoder.finish() { write(response) }
/// ```
public struct GeminiStreamEncoder: Sendable {
    /// A tool call whose arguments are still streaming.
    private struct PendingCall: Sendable {
        var id: String?
        var name: String?
        var arguments = ""
    }

    private let model: String
    private let includeThoughts: Bool
    private var responseID: String?
    /// Per choice index, its tool calls by OpenAI `index`, in the order they started.
    private var calls: [Int: [(index: Int, call: PendingCall)]] = [:]
    /// Candidates whose `finish_reason` came, sent by ``finish()`` with the usage.
    private var finished: [JSON] = []
    private var usage: JSON?
    private var ended = false

    /// - Parameters:
    ///   - model: the model name the client called (`modelVersion`).
    ///   - includeThoughts: whether reasoning goes out as `thought` parts (the request's `includeThoughts`).
    public init(model: String, includeThoughts: Bool) {
        self.model = model
        self.includeThoughts = includeThoughts
    }

    /// Encodes one OpenAI chunk.
    /// - Returns: the responses to send now (none, or one carrying the chunk's text).
    public mutating func encode(_ chunk: JSON) -> [JSON] {
        guard !ended else { return [] }
        if responseID == nil { responseID = chunk["id"]?.stringValue }
        if let usage = chunk["usage"], case .object = usage { self.usage = usage }
        var candidates: [JSON] = []
        for (offset, choice) in (chunk["choices"]?.arrayValue ?? []).enumerated() {
            let index = choice["index"]?.intValue ?? offset
            let delta = choice["delta"] ?? [:]
            let parts = GeminiResponseEncoder.textParts(of: delta, includeThoughts: includeThoughts)
            for fragment in delta["tool_calls"]?.arrayValue ?? [] { accumulate(fragment, choice: index) }
            if let reason = GeminiResponseEncoder.finishReason(fromOpenAI: choice["finish_reason"]?.stringValue) {
                var candidate = Self.candidate(parts: parts + flushCalls(choice: index), index: index)
                candidate["finishReason"] = .string(reason)
                GeminiResponseEncoder.addLogprobs(choice["logprobs"], to: &candidate)
                finished.append(candidate)
            } else if !parts.isEmpty {
                var candidate = Self.candidate(parts: parts, index: index)
                GeminiResponseEncoder.addLogprobs(choice["logprobs"], to: &candidate)
                candidates.append(candidate)
            }
        }
        return candidates.isEmpty ? [] : [response(candidates)]
    }

    /// Ends the stream: the finished candidates, tool calls never finished, and the usage, in one last response.
    /// Call it once, after the upstream's last chunk; later calls return nothing.
    public mutating func finish() -> [JSON] {
        guard !ended else { return [] }
        ended = true
        var candidates = finished
        for choice in calls.keys.sorted() {
            let parts = flushCalls(choice: choice)
            if !parts.isEmpty { candidates.append(Self.candidate(parts: parts, index: choice)) }
        }
        let metadata = GeminiResponseEncoder.usageMetadata(fromOpenAI: usage)
        guard !candidates.isEmpty || metadata != nil else { return [] }
        var last = response(candidates)
        if let metadata { last["usageMetadata"] = metadata }
        return [last]
    }

    private mutating func accumulate(_ fragment: JSON, choice: Int) {
        let index = fragment["index"]?.intValue ?? 0
        var pending = calls[choice] ?? []
        if let position = pending.firstIndex(where: { $0.index == index }) {
            pending[position].call.arguments += fragment["function"]?["arguments"]?.stringValue ?? ""
            if let name = fragment["function"]?["name"]?.stringValue, !name.isEmpty, pending[position].call.name == nil {
                pending[position].call.name = name
            }
        } else {
            let call = PendingCall(
                id: fragment["id"]?.stringValue, name: fragment["function"]?["name"]?.stringValue,
                arguments: fragment["function"]?["arguments"]?.stringValue ?? "")
            pending.append((index, call))
        }
        calls[choice] = pending
    }

    private mutating func flushCalls(choice: Int) -> [JSON] {
        guard let pending = calls.removeValue(forKey: choice) else { return [] }
        return pending.map { GeminiResponseEncoder.functionCallPart(id: $0.call.id, name: $0.call.name, arguments: $0.call.arguments) }
    }

    private static func candidate(parts: [JSON], index: Int) -> JSON {
        ["content": ["role": "model", "parts": .array(parts)], "index": .int(index)]
    }

    private func response(_ candidates: [JSON]) -> JSON {
        var response: JSON = ["candidates": .array(candidates), "modelVersion": .string(model)]
        if let responseID { response["responseId"] = .string(responseID) }
        return response
    }
}
