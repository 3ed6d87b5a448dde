import Foundation
import GatewayCore
import HTTPTypes
import NIOCore
import ServiceLifecycle
import Synchronization

/// The older HTTP+SSE transport (protocol 2024-11-05) for clients that still use it: `GET /sse` opens an event
/// stream whose first `endpoint` event names `/messages?session_id=...`; each message POSTed there is accepted with
/// 202 and answered as a `message` event on the stream.
///
/// The stream and its messages need the same key (another key gets 404 for the session). A stream lives while the
/// client keeps it open, and ends on graceful shutdown; answers to a closed one are dropped. Everything else (access, limits, guardrails, logs) is
/// as on `/mcp`.
struct MCPLegacySSEEndpoint: Sendable {
    let endpoint: MCPEndpoint
    let streams = MCPSSEStreams()

    var routes: [PluginHTTPRoute] {
        [PluginHTTPRoute(.get, "/sse", handler: open), PluginHTTPRoute(.post, "/messages", handler: post)]
    }

    private func open(_ request: PluginHTTPRequest) async throws -> PluginHTTPResponse {
        let principal = try await endpoint.authenticate(request)
        let id = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let streams = self.streams
        streams.open(id, owner: principal.keyHash ?? principal.subject, continuation: continuation)
        // The stream ends when the gateway shuts down (else the server would wait for it forever), and a comment every
        // 15 seconds finds a client that left without closing (its write fails, which ends the stream).
        let shutdown = Task {
            try? await gracefulShutdown()
            continuation.finish()
        }
        let keepAlive = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(15))
                continuation.yield(ByteBuffer(string: ": ping\n\n"))
            }
        }
        continuation.onTermination = { _ in
            streams.close(id)
            shutdown.cancel()
            keepAlive.cancel()
        }
        continuation.yield(ByteBuffer(string: ServerSentEvent(event: "endpoint", data: "/messages?session_id=\(id)").encoded))
        return PluginHTTPResponse(headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: .stream(stream))
    }

    private func post(_ request: PluginHTTPRequest) async throws -> PluginHTTPResponse {
        let principal = try await endpoint.authenticate(request)
        guard let id = request.query["session_id"], let stream = streams.stream(id, owner: principal.keyHash ?? principal.subject) else {
            return MCPEndpoint.answer(.notFound, id: .null, error: JSONRPCError(code: -32001, message: "Session not found: open /sse again."))
        }
        switch MCPIncomingMessage(request.body, maxBytes: endpoint.maxMessageBytes) {
        case .accepted:
            return PluginHTTPResponse(status: .accepted, body: .bytes(ByteBuffer()))
        case .invalid(let status, let errorID, let error):
            return MCPEndpoint.answer(status, id: errorID, error: error)
        case .request(let messageID, let method, let params):
            let scope = try await endpoint.servers(in: request)
            let caller = MCPCaller(requestID: request.requestID, principal: principal, headers: request.headers, runner: request.gateway.runner)
            let dispatcher = endpoint.dispatcher
            // The answer goes on the stream, after this POST is acknowledged (the transport's order).
            Task {
                let text: String
                switch await dispatcher.handle(method: method, params: params, scope: scope, caller: caller) {
                case .success(let result): text = MCPEndpoint.message(id: messageID, result: result)
                case .failure(let error): text = MCPEndpoint.message(id: messageID, error: error)
                }
                stream.yield(ByteBuffer(string: ServerSentEvent(event: "message", data: text).encoded))
            }
            return PluginHTTPResponse(status: .accepted, contentType: "text/plain", body: "Accepted")
        }
    }
}

/// The open client event streams of ``MCPLegacySSEEndpoint``, by session id, each with the caller that opened it.
final class MCPSSEStreams: Sendable {
    private let streams = Mutex<[String: (owner: String, continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation)]>([:])

    func open(_ id: String, owner: String, continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation) {
        streams.withLock { $0[id] = (owner, continuation) }
    }

    func close(_ id: String) {
        _ = streams.withLock { $0.removeValue(forKey: id) }
    }

    /// The stream of session `id` when `owner` opened it.
    func stream(_ id: String, owner: String) -> AsyncThrowingStream<ByteBuffer, any Error>.Continuation? {
        streams.withLock { $0[id].flatMap { $0.owner == owner ? $0.continuation : nil } }
    }
}
