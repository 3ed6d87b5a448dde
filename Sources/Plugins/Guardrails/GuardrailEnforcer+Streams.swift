import GatewayCore
import Logging

extension GuardrailEnforcer {
    /// Runs the selected `post_call` guardrails on one streamed chunk.
    ///
    /// Content guardrails (`keywords`, `regex`, `pii`) check the chunk's text on its own (blocking, or masking
    /// it), then check the last ``windowCharacters`` characters already sent joined to it: a match that starts
    /// in the sent text and ends in this chunk was split across chunks. Such a match ends the stream with an
    /// error event even for a `mask` guardrail, because its first part is already with the client and cannot be
    /// masked any more. `http` guardrails are asked once per choice, with the whole text, when the choice's
    /// `finish_reason` arrives (one call per chunk would be too slow); a block ends the stream before that last
    /// chunk, and a `modify` answer cannot change text already sent, so it is logged and ignored. Shadow guardrails
    /// also see each choice's whole text when it ends.
    func inspectChunk(_ request: GatewayRequest, chunk: StreamChunk) async throws -> StreamChunk? {
        guard hasPostCall else { return chunk }
        let pieces = GuardedText.chunk(chunk.json)
        let finishing = Self.finishingChoices(chunk.json)
        let isUsageOnly = chunk.json["choices"]?.arrayValue?.isEmpty ?? false
        guard !pieces.isEmpty || !finishing.isEmpty else {
            if isUsageOnly { states.end(request.id) }
            return chunk
        }
        let (names, shadow) = states.update(request.id) { ($0.postCall, $0.shadowPostCall) } ?? (enforcedPostCall(request), [])
        let selected = names.compactMap { byName[$0] }
        guard !selected.isEmpty || !shadow.isEmpty else { return chunk }

        var result = chunk
        for (index, original) in pieces {
            var text = original
            let tail = states.update(request.id) { $0.tails[index] ?? "" } ?? ""
            for definition in selected {
                guard case .content(let matcher, let action) = definition.check else { continue }
                let matches = matcher.matches(in: text)
                if !matches.isEmpty {
                    guard action == .mask, !matches.contains(where: \.blocks) else {
                        let blocking = matches.filter(\.blocks)
                        throw endStream(
                            request,
                            GatewayError.guardrailViolation(name: definition.name, reason: Self.reason(blocking.isEmpty ? matches : blocking)))
                    }
                    text = text.masking(matches)
                }
                let boundary = tail.utf16.count
                let split = matcher.matches(in: tail + text).filter { $0.range.lowerBound < boundary && $0.range.upperBound > boundary }
                if !split.isEmpty {
                    throw endStream(
                        request, GatewayError.guardrailViolation(name: definition.name, reason: Self.reason(split) + " (split across stream chunks)"))
                }
            }
            let keepsFullText = !shadow.isEmpty || selected.contains { if case .http = $0.check { true } else { false } }
            let window = windowCharacters
            states.update(request.id) { state in
                state.tails[index] = String((tail + text).suffix(window))
                if keepsFullText { state.fullTexts[index, default: ""] += text }
            }
            if text != original { result.json = GuardedText.chunk(result.json, replacing: index, with: text) }
        }
        for index in finishing {
            if !shadow.isEmpty, let text = states.update(request.id, { $0.fullTexts[index] ?? "" }), !text.isEmpty {
                await runShadow(shadow, on: [text], request: request, responseSide: true)
            }
            try await checkWholeText(request, choice: index, selected: selected)
        }
        if !finishing.isEmpty {
            let done = states.update(request.id) { state in
                state.finished.formUnion(finishing)
                return Set(state.tails.keys).union(state.fullTexts.keys).isSubset(of: state.finished)
            }
            if done ?? false { states.end(request.id) }
        }
        return result
    }

    /// Asks the `http` guardrails about a finished choice's whole text.
    private func checkWholeText(_ request: GatewayRequest, choice index: Int, selected: [GuardrailDefinition]) async throws {
        let httpGuardrails = selected.filter { if case .http = $0.check { true } else { false } }
        guard !httpGuardrails.isEmpty, let text = states.update(request.id, { $0.fullTexts[index] ?? "" }), !text.isEmpty else { return }
        for definition in httpGuardrails {
            let verdict: GuardrailVerdict
            do {
                verdict = try await definition.check.evaluate(
                    [text], name: definition.name, mode: .postCall, requestID: request.id, services: services)
            } catch {
                throw endStream(request, error)
            }
            switch verdict {
            case .allow: continue
            case .block(let reason): throw endStream(request, GatewayError.guardrailViolation(name: definition.name, reason: reason))
            case .rewrite:
                services.logger.warning(
                    "an http guardrail asked to modify a streamed answer already sent; ignored", metadata: ["guardrail": .string(definition.name)])
            }
        }
    }

    /// Drops the request's state and hands back the error that ends its stream.
    private func endStream(_ request: GatewayRequest, _ error: any Error) -> any Error {
        states.end(request.id)
        return error
    }

    /// The indices of the choices whose `finish_reason` this chunk carries.
    static func finishingChoices(_ chunk: JSON) -> [Int] {
        (chunk["choices"]?.arrayValue ?? []).enumerated().compactMap { position, choice in
            guard let reason = choice["finish_reason"], !reason.isNull else { return nil }
            return choice["index"]?.intValue ?? position
        }
    }

    static func reason(_ matches: [TextMatch]) -> String {
        var labels: [String] = []
        for match in matches where !labels.contains(match.label) { labels.append(match.label) }
        return GuardrailCheck.describe(labels)
    }
}
