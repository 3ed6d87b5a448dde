/// Wraps a response stream: runs chunk guardrails (reverse order), notes usage, and finishes the
/// ``CallRecord`` exactly once: at the end of the stream, on an error, or when the client goes away (the
/// consumer drops the stream before its end). Finishing also tells the routing hooks how the streamed attempt
/// ended (``RoutingHook/record(_:outcome:)``).
final class StreamObserver: @unchecked Sendable {
    // Unchecked: one task pulls a stream at a time; `finished` and `record` are touched only by that task,
    // and by deinit after it has let go.
    private var record: CallRecord
    private var finished = false
    /// Characters streamed so far, to estimate usage if the upstream reports none.
    private var completionCharacters = 0
    /// Native events of chunks not passed on (a hook dropped them, or a hidden usage chunk), relayed with the next.
    private var carried: NativeEvents?
    /// Every text a hook rewrote in a chunk so far, applied to the native events that follow.
    private var streamEdits: [TextEdits.Edit] = []

    private init(record: CallRecord) {
        self.record = record
    }

    deinit {
        guard !finished else { return }
        estimateUsageIfMissing()
        let record = record
        // The client went away mid-stream; commit and log what was used so far without holding anyone up.
        Task {
            let error = GatewayError.badRequest("The client closed the connection before the stream ended.", code: "client_disconnected")
            await record.recordStreamEnd(error: error)
            await record.finish(error: error)
        }
    }

    private func finish(error: GatewayError?) async {
        guard !finished else { return }
        finished = true
        estimateUsageIfMissing()
        await record.recordStreamEnd(error: error)
        await record.finish(error: error)
    }

    /// Prices a stream whose upstream sent no usage chunk by counting its tokens (``TokenEstimator``). The output
    /// estimate is at most what the request allowed (`max_completion_tokens` or `max_tokens` per choice): the model
    /// cannot write more, and the budget reserved no more.
    private func estimateUsageIfMissing() {
        guard record.outcome.usage == nil, let deployment = record.outcome.deployment else { return }
        var completion = TokenEstimator.tokens(characters: completionCharacters)
        let ceiling = CostCeiling(body: record.request.body, operation: record.request.endpoint.operation)
        if let requested = ceiling.requestedOutputTokens {
            let (allowed, overflow) = requested.multipliedReportingOverflow(by: ceiling.choices)
            if !overflow { completion = min(completion, allowed) }
        }
        // The input as admission estimated it (framing and tool definitions included).
        var usage = Usage(promptTokens: ceiling.inputTokens, completionTokens: completion)
        usage.isEstimate = true
        record.outcome.usage = usage
        record.outcome.cost = deployment.cost(of: usage)
    }

    /// - Parameter guardrails: the chunk guardrails, already in the order they run (reverse of plugins.json).
    static func observe(
        _ chunks: ChunkStream, record: CallRecord, guardrails: [Stage<any GuardrailHook>], passUsageToClient: Bool
    ) -> ChunkStream {
        // Made now, not when iteration starts: a stream dropped before its first chunk (the client left before the
        // body was written) must still finish the record, which the observer's deinit does.
        let observer = StreamObserver(record: record)
        let logger = record.runner.logger
        return ChunkStream {
            let iterator = IteratorBox(chunks.makeAsyncIterator())
            // Read once: the request does not change while it streams, and a copy per chunk per hook costs retains.
            let request = observer.record.request
            return {
                do {
                    while let chunk = try await iterator.next() {
                        if observer.record.outcome.responseID == nil { observer.record.noteResponseID(of: chunk.json) }
                        if let usage = chunk.usage, let deployment = observer.record.outcome.deployment {
                            observer.record.outcome.usage = usage
                            observer.record.outcome.cost = deployment.cost(of: usage)
                        } else {
                            observer.completionCharacters += chunk.completionCharacters
                        }
                        var current: StreamChunk? = chunk
                        for stage in guardrails {
                            guard let inspected = current else { break }
                            current = try await stage.run(logger: logger, fallback: inspected) {
                                try await $0.inspectChunk(request, chunk: inspected)
                            }
                        }
                        guard var outgoing = current else {
                            observer.carry(chunk.native?.droppingContent())
                            continue
                        }
                        if !passUsageToClient, outgoing.mayHaveMember(named: "usage"), outgoing.json["usage"] != nil {
                            if outgoing.json["choices"]?.arrayValue?.isEmpty ?? true {
                                observer.carry(outgoing.native)
                                continue
                            }
                            outgoing.json["usage"] = nil
                        }
                        return observer.withCarried(outgoing)
                    }
                    // Events still carried (the last chunks were not passed on) end the stream in a chunk of their own.
                    if let last = observer.carried {
                        observer.carried = nil
                        return StreamChunk(json: ["choices": []], native: last)
                    }
                    await observer.finish(error: nil)
                    return nil
                } catch {
                    let failure = error as? GatewayError ?? .badGateway("The upstream stream failed.")
                    await observer.finish(error: failure)
                    throw failure
                }
            }
        }
    }

    /// Keeps the native events of a chunk not passed on, for the next one.
    private func carry(_ events: NativeEvents?) {
        guard let events, !events.events.isEmpty else { return }
        if carried == nil { carried = NativeEvents(dialect: events.dialect, events: [], view: events.view) }
        carried?.events += events.events
    }

    /// `chunk` ready to relay: its native events after the carried ones, its own carrying over the hooks' change to
    /// its view, and every text a hook rewrote earlier in the stream rewritten in them too (an event that repeats
    /// the text streamed so far must not bring it back).
    private func withCarried(_ chunk: StreamChunk) -> StreamChunk {
        guard let dialect = chunk.native?.dialect ?? carried?.dialect else { return chunk }
        var outgoing = chunk
        let own = chunk.native.map { $0.carryingOver(chunk.json) } ?? []
        let events = NativeEvents(dialect: dialect, events: (carried?.events ?? []) + own, view: chunk.json)
        carried = nil
        outgoing.native = events.repeatingEdits(streamEdits)
        if let view = chunk.native?.view, view != chunk.json, let edits = TextEdits.between(view, chunk.json) { streamEdits += edits.edits }
        return outgoing
    }
}
