import GatewayCore
import GatewayTesting
import Hummingbird
import Logging
import NIOCore

/// A stand-in OpenAI upstream on loopback that holds its answers until the test releases them, so requests admitted
/// by the gateway are all in flight at once (none has settled its cost yet) when the test looks.
///
/// Chat completions, completions and embeddings, plain or streamed (a usage chunk when `stream_options.include_usage`
/// asks for one, as OpenAI does). Usage: 11 prompt and 7 completion tokens (embeddings: 3 prompt tokens). A plain
/// answer is held before it is sent; a stream sends its headers and first chunk at once, then holds the rest. Released
/// with ``Gate/Outcome/fail``, a plain call answers 500 and a stream is cut.
enum HoldingUpstream {
    static let usage: JSON = ["prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18]
    static let embeddingUsage: JSON = ["prompt_tokens": 3, "total_tokens": 3]

    /// Runs the upstream for the duration of `body`; it starts holding.
    static func withRunning<T: Sendable>(_ body: (TestEndpoint, Gate) async throws -> T) async throws -> T {
        let gate = Gate()
        let router = Router()
        for (path, operation) in [("/v1/chat/completions", UpstreamOperation.chatCompletions), ("/v1/completions", .completions)] {
            router.post(RouterPath(path)) { request, _ in
                let call = try await JSON(parsing: request.body.collect(upTo: 1 << 24))
                return call["stream"]?.boolValue == true ? stream(call, operation: operation, gate: gate) : try await answer(call, operation, gate)
            }
        }
        router.post("/v1/embeddings") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 24)
            guard await gate.arrive() == .answer else { return failure() }
            let data: JSON = [["object": "embedding", "index": 0, "embedding": [0.1, 0.2]]]
            return json(["object": "list", "data": data, "model": "held", "usage": embeddingUsage])
        }
        return try await RunningServer.serve(router, label: "holding-upstream", backlog: 4096) { port in
            try await body(TestEndpoint(port: port), gate)
        }
    }

    private static func answer(_ call: JSON, _ operation: UpstreamOperation, _ gate: Gate) async throws -> Response {
        guard await gate.arrive() == .answer else { return failure() }
        let choice: JSON =
            operation == .completions
            ? ["index": 0, "text": "held answer", "finish_reason": "stop", "logprobs": nil]
            : ["index": 0, "message": ["role": "assistant", "content": "held answer"], "finish_reason": "stop"]
        let object = operation == .completions ? "text_completion" : "chat.completion"
        return json(["id": "held-1", "object": .string(object), "created": 1_700_000_000, "model": "held", "choices": [choice], "usage": usage])
    }

    /// Sends the first chunk at once, then waits for the gate before the rest (or cuts the stream on `fail`).
    private static func stream(_ call: JSON, operation: UpstreamOperation, gate: Gate) -> Response {
        let object = operation == .completions ? "text_completion" : "chat.completion.chunk"
        @Sendable func event(_ choices: JSON, usage: JSON = nil) -> ByteBuffer {
            var chunk: JSON = ["id": "held-1", "object": .string(object), "created": 1_700_000_000, "model": "held", "choices": choices]
            if !usage.isNull { chunk["usage"] = usage }
            return ByteBuffer(string: "data: \(chunk.serializedString())\n\n")
        }
        @Sendable func text(_ piece: String, finish: JSON = nil) -> JSON {
            operation == .completions
                ? [["index": 0, "text": .string(piece), "finish_reason": finish]]
                : [["index": 0, "delta": ["content": .string(piece)], "finish_reason": finish]]
        }
        let wantsUsage = call["stream_options"]?["include_usage"]?.boolValue == true
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                try await writer.write(event(text("held ")))
                guard await gate.arrive() == .answer else { throw CutStream() }
                // A tail of chunks, so a client that left is noticed by the gateway's writes before the stream ends.
                for _ in 0..<20 { try await writer.write(event(text("more "))) }
                try await writer.write(event(text("answer", finish: "stop")))
                if wantsUsage { try await writer.write(event([], usage: usage)) }
                try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                try await writer.finish(nil)
            })
    }

    private static func failure() -> Response {
        let body: JSON = ["error": ["message": "held upstream failed", "type": "server_error", "param": nil, "code": nil]]
        return Response(status: .internalServerError, headers: [.contentType: "application/json"], body: .init(byteBuffer: body.serialized()))
    }

    private static func json(_ value: JSON) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: value.serialized()))
    }

    private struct CutStream: Error {}
}

/// Where the upstream's calls wait: each call arrives, is counted, and waits until the test opens the gate. The test
/// counts its replies here too, so it can wait for "every request either refused or held upstream".
actor Gate {
    enum Outcome: Sendable { case answer, fail }

    private(set) var arrivals = 0
    /// Replies the test's clients got (requests that did not stay held).
    private(set) var replies = 0
    /// How calls go on once the gate is open; nil while it holds.
    private var open: Outcome?
    private var held: [CheckedContinuation<Outcome, Never>] = []
    private var watchers: [Int: AsyncStream<Void>.Continuation] = [:]
    private var nextWatcher = 0

    /// Counts a call and waits until the gate is open. - Returns: how the call must go on.
    func arrive() async -> Outcome {
        arrivals += 1
        changed()
        if let open { return open }
        return await withCheckedContinuation { held.append($0) }
    }

    /// The test got a reply to one of its requests.
    func replied() {
        replies += 1
        changed()
    }

    /// Lets every held call, and every later one, go on as `outcome` (until ``hold()``).
    func release(_ outcome: Outcome) {
        open = outcome
        let waiting = held
        held = []
        for call in waiting { call.resume(returning: outcome) }
    }

    /// Holds the calls that arrive from now on.
    func hold() { open = nil }

    /// Returns once `condition` holds for (arrivals, replies), checked at every change.
    /// - Throws: ``TimeoutError`` after `seconds`.
    nonisolated func wait(seconds: Double = 120, until condition: @escaping @Sendable (_ arrivals: Int, _ replies: Int) -> Bool) async throws {
        try await withTimeout(seconds: seconds) {
            let (changes, continuation) = AsyncStream.makeStream(of: Void.self)
            let id = await self.watch(continuation)
            defer { Task { await self.unwatch(id) } }
            if await condition(self.arrivals, self.replies) { return }
            for await _ in changes {
                if await condition(self.arrivals, self.replies) { return }
            }
            throw CancellationError()
        }
    }

    private func watch(_ continuation: AsyncStream<Void>.Continuation) -> Int {
        nextWatcher += 1
        watchers[nextWatcher] = continuation
        return nextWatcher
    }

    private func unwatch(_ id: Int) { watchers.removeValue(forKey: id)?.finish() }

    private func changed() {
        for watcher in watchers.values { watcher.yield() }
    }
}
