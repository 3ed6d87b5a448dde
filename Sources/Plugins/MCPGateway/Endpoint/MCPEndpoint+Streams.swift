import Foundation
import GatewayCore
import HTTPTypes
import NIOCore

/// How `/mcp` runs a call so that it can be cancelled and its progress relayed, and its `GET` event stream.
extension MCPEndpoint {
    /// One client request to answer, and the channel its cancellation comes on (``channel(owner:session:)``).
    struct Call: Sendable {
        var id: JSON
        var method: String
        var params: JSON
        var scope: [MCPServerDefinition]
        var channel: String
    }

    /// The caller and its session: where a `notifications/cancelled` may cancel a call (the same key, the same
    /// session; a client without a session cancels among its key's calls without one).
    static func channel(owner: String, session: String?) -> String {
        "\(owner)/\(session ?? "")"
    }

    /// Whether the client's `Accept` takes an event stream (the transport has clients send both types).
    static func acceptsEventStream(_ headers: HTTPFields) -> Bool {
        headers[values: .accept].contains { $0.lowercased().contains("text/event-stream") }
    }

    /// Whether a request is answered on a stream: a tool call (whose client may then leave and cancel it) or any
    /// request asking for progress.
    static func streamsAnswer(method: String, params: JSON) -> Bool {
        method == "tools/call" || params["_meta"]?["progressToken"] != nil
    }

    /// Runs a call as a task the client's `notifications/cancelled` can cancel; a cancelled call is answered with
    /// ``JSONRPCError/cancelled`` (a JSON answer cannot be left out; the client ignores it).
    func answer(_ call: Call, caller: MCPCaller) async -> Result<JSON, JSONRPCError> {
        let handle = calls.begin(channel: call.channel, id: call.id)
        defer { calls.end(channel: call.channel, id: call.id, handle: handle) }
        let dispatcher = self.dispatcher
        let task = Task { await dispatcher.handle(method: call.method, params: call.params, scope: call.scope, caller: caller) }
        handle.attach { task.cancel() }
        let result = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        return task.isCancelled ? .failure(.cancelled) : result
    }

    /// Answers a call with `text/event-stream`: its progress notifications as they come, then its response, then
    /// the end of the stream. A cancelled call's stream ends without a response (as the protocol says).
    ///
    /// A client that closes the connection cancels the call: the server notices a closed connection only when it
    /// writes, so an SSE comment is written every ``disconnectCheckSeconds`` while the call runs; the write that
    /// fails ends the stream, whose termination cancels the call's task (and so the upstream call).
    func streamedAnswer(_ call: Call, caller: MCPCaller) -> PluginHTTPResponse {
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        var caller = caller
        caller.progress = { notification in continuation.yield(Self.event(notification.serializedString())) }
        let (calls, dispatcher) = (self.calls, self.dispatcher)
        let handle = calls.begin(channel: call.channel, id: call.id)
        let task = Task {
            let result = await dispatcher.handle(method: call.method, params: call.params, scope: call.scope, caller: caller)
            calls.end(channel: call.channel, id: call.id, handle: handle)
            if !Task.isCancelled { continuation.yield(Self.event(Self.message(id: call.id, answering: result))) }
            continuation.finish()
        }
        handle.attach { task.cancel() }
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(Self.disconnectCheckSeconds))
                continuation.yield(ByteBuffer(string: ":\n\n"))
            }
        }
        continuation.onTermination = { termination in
            heartbeat.cancel()
            if case .cancelled = termination { task.cancel() }
        }
        return PluginHTTPResponse(headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: .stream(stream))
    }

    /// How often a streamed answer checks that its client is still there (a one-line SSE comment).
    static let disconnectCheckSeconds: Double = 1

    /// `GET`: the server-to-client stream of an initialized session (`Mcp-Session-Id`), scoped as the path is.
    /// A GET without a session gets 400, one that does not accept `text/event-stream` 406, one with a session this
    /// key does not hold 404.
    func openStream(_ request: PluginHTTPRequest) async throws -> PluginHTTPResponse {
        let principal = try await authenticate(request)
        let scope = try await servers(in: request)
        guard let session = request.headers[Self.sessionHeader], !session.isEmpty else {
            return Self.answer(
                .badRequest, id: .null,
                error: .invalidRequest("GET opens the event stream of a session: send the Mcp-Session-Id that initialize returned"))
        }
        guard Self.acceptsEventStream(request.headers) else {
            return Self.answer(.notAcceptable, id: .null, error: .invalidRequest("GET opens an event stream: Accept must include text/event-stream"))
        }
        let owner = principal.keyHash ?? principal.subject
        guard sessions.touch(session, owner: owner) else {
            return Self.answer(.notFound, id: .null, error: .sessionNotFound("Session not found: initialize again."))
        }
        let id = UUID().uuidString
        let stream = streams.open(id, owner: owner, scope: request.parameters["server"] == nil ? nil : scope.first?.name)
        return PluginHTTPResponse(headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: .stream(stream))
    }

    /// The JSON-RPC response to request `id` carrying `result`'s value or error.
    static func message(id: JSON, answering result: Result<JSON, JSONRPCError>) -> String {
        switch result {
        case .success(let value): message(id: id, result: value)
        case .failure(let error): message(id: id, error: error)
        }
    }

    /// One JSON-RPC message as a `message` event.
    static func event(_ message: String) -> ByteBuffer {
        ByteBuffer(string: ServerSentEvent(event: "message", data: message).encoded)
    }
}
