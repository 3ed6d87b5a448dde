import Foundation
import GatewayCore
import GatewayTesting
import Hummingbird
import Logging
import NIOCore

/// An OpenAI-compatible upstream on loopback that holds calls until the test releases them, so a test knows
/// exactly how many calls are in flight. Model `held` waits for ``HeldUpstream/release()`` (a stream sends its first
/// chunk, then waits); any other model answers at once. Released calls are released for good.
struct HeldUpstream: Sendable {
    let endpoint: TestEndpoint
    let gate: HeldCallGate

    /// The upstream's `api_base`.
    var apiBase: String { endpoint.baseURL + "/v1" }

    /// Runs the upstream for `body`; every held call is released before it stops, whatever `body` did, so the
    /// gateway in front can shut down.
    static func withRunning<T: Sendable>(_ body: (HeldUpstream) async throws -> T) async throws -> T {
        let gate = HeldCallGate()
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in
            let json = try JSON(parsing: try await request.body.collect(upTo: 1 << 20))
            let model = json["model"]?.stringValue ?? ""
            let streamed = json["stream"]?.boolValue ?? false
            guard model == "held" else { return answer(model: model, streamed: streamed) }
            await gate.arrive()
            if streamed {
                return Response(
                    status: .ok, headers: [.contentType: "text/event-stream"],
                    body: ResponseBody { writer in
                        defer { Task { await gate.leave() } }
                        try await writer.write(ByteBuffer(string: chunk(model: model, content: "first ")))
                        await gate.waitForRelease()
                        try await writer.write(ByteBuffer(string: chunk(model: model, content: "last") + "data: [DONE]\n\n"))
                        try await writer.finish(nil)
                    })
            }
            await gate.waitForRelease()
            await gate.leave()
            return answer(model: model, streamed: false)
        }
        return try await RunningServer.serve(router, label: "held-upstream", backlog: 1024) { port in
            let upstream = HeldUpstream(endpoint: TestEndpoint(port: port), gate: gate)
            do {
                let result = try await body(upstream)
                await gate.release()
                return result
            } catch {
                await gate.release()
                throw error
            }
        }
    }

    private static func answer(model: String, streamed: Bool) -> Response {
        if streamed {
            let events = chunk(model: model, content: "at once") + "data: [DONE]\n\n"
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: .init(byteBuffer: ByteBuffer(string: events)))
        }
        let json: JSON = [
            "id": "chatcmpl-held", "object": "chat.completion", "created": 1_700_000_000, "model": .string(model),
            "choices": [["index": 0, "message": ["role": "assistant", "content": "done"], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4],
        ]
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: json.serialized()))
    }

    private static func chunk(model: String, content: String) -> String {
        let chunk: JSON = [
            "id": "chatcmpl-held", "object": "chat.completion.chunk", "created": 1_700_000_000, "model": .string(model),
            "choices": [["index": 0, "delta": ["content": .string(content)], "finish_reason": nil]],
        ]
        return "data: \(chunk.serializedString())\n\n"
    }
}

/// Counts held calls and releases them on demand.
actor HeldCallGate {
    /// Held calls that arrived, in all.
    private(set) var arrived = 0
    /// Held calls being handled now, and the most there ever were at once.
    private(set) var inside = 0
    private(set) var peakInside = 0
    private var released = false
    private var releaseWaiters: [CheckedContinuation<Void, Never>] = []
    private var arrivalWaiters: [UUID: (count: Int, continuation: CheckedContinuation<Void, any Error>)] = [:]

    func arrive() {
        arrived += 1
        inside += 1
        peakInside = max(peakInside, inside)
        for (id, waiter) in arrivalWaiters where waiter.count <= arrived {
            arrivalWaiters[id] = nil
            waiter.continuation.resume()
        }
    }

    func leave() { inside -= 1 }

    func waitForRelease() async {
        guard !released else { return }
        await withCheckedContinuation { releaseWaiters.append($0) }
    }

    /// Lets every held call (and every later one) answer.
    func release() {
        released = true
        for waiter in releaseWaiters { waiter.resume() }
        releaseWaiters = []
    }

    /// Returns once `count` held calls have arrived; throws when the task is cancelled first (a test's deadline).
    func waitForArrivals(_ count: Int) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if arrived >= count {
                    continuation.resume()
                } else if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    arrivalWaiters[id] = (count, continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UUID) {
        arrivalWaiters.removeValue(forKey: id)?.continuation.resume(throwing: CancellationError())
    }
}
