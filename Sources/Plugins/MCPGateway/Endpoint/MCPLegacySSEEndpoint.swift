import Foundation
import GatewayCore
import HTTPTypes
import NIOCore

/// The older HTTP+SSE transport (protocol 2024-11-05) for clients that still use it: `GET /sse` opens an event
/// stream whose first `endpoint` event names `/messages?session_id=...`; each message POSTed there is accepted with
/// 202 and answered as a `message` event on the stream.
///
/// The stream and its messages need the same key (another key gets 404 for the session). A stream lives while the
/// client keeps it open, and ends on graceful shutdown; calls still running when it ends are cancelled. A call's
/// progress notifications go on the stream before its answer; a `notifications/cancelled` cancels the session's call
/// with that `requestId`; `notifications/tools/list_changed` is sent on every stream. Everything else (access,
/// limits, guardrails, logs) is as on `/mcp`.
struct MCPLegacySSEEndpoint: Sendable {
    let endpoint: MCPEndpoint

    var routes: [PluginHTTPRoute] {
        [PluginHTTPRoute(.get, "/sse", handler: open), PluginHTTPRoute(.post, "/messages", handler: post)]
    }

    /// Where a session's calls are cancelled (by the client, or when its stream ends).
    static func channel(owner: String, session: String) -> String {
        MCPEndpoint.channel(owner: owner, session: "sse:" + session)
    }

    private func open(_ request: PluginHTTPRequest) async throws -> PluginHTTPResponse {
        let principal = try await endpoint.authenticate(request)
        let owner = principal.keyHash ?? principal.subject
        let id = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let calls = endpoint.calls
        let stream = endpoint.streams.open(
            id, owner: owner, first: ServerSentEvent(event: "endpoint", data: "/messages?session_id=\(id)"),
            ended: { calls.cancelAll(channel: Self.channel(owner: owner, session: id)) })
        return PluginHTTPResponse(headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: .stream(stream))
    }

    private func post(_ request: PluginHTTPRequest) async throws -> PluginHTTPResponse {
        let principal = try await endpoint.authenticate(request)
        let owner = principal.keyHash ?? principal.subject
        guard let id = request.query["session_id"], let stream = endpoint.streams.stream(id, owner: owner) else {
            return MCPEndpoint.answer(.notFound, id: .null, error: .sessionNotFound("Session not found: open /sse again."))
        }
        let channel = Self.channel(owner: owner, session: id)
        switch MCPIncomingMessage(request.body, maxBytes: endpoint.maxMessageBytes) {
        case .accepted:
            return PluginHTTPResponse(status: .accepted, body: .bytes(ByteBuffer()))
        case .notification(let method, let params):
            endpoint.calls.receive(notification: method, params: params, channel: channel)
            return PluginHTTPResponse(status: .accepted, body: .bytes(ByteBuffer()))
        case .invalid(let status, let errorID, let error):
            return MCPEndpoint.answer(status, id: errorID, error: error)
        case .request(let messageID, let method, let params):
            let scope = try await endpoint.servers(in: request)
            var caller = MCPCaller(requestID: request.requestID, principal: principal, headers: request.headers, runner: request.gateway.runner)
            caller.progress = { notification in stream.yield(MCPEndpoint.event(notification.serializedString())) }
            let (endpoint, call) = (self.endpoint, MCPEndpoint.Call(id: messageID, method: method, params: params, scope: scope, channel: channel))
            // The answer goes on the stream, after this POST is acknowledged (the transport's order); a cancelled call's
            // answer is left out.
            Task {
                let result = await endpoint.answer(call, caller: caller)
                if case .failure(let error) = result, error == .cancelled { return }
                stream.yield(MCPEndpoint.event(MCPEndpoint.message(id: messageID, answering: result)))
            }
            return PluginHTTPResponse(status: .accepted, contentType: "text/plain", body: "Accepted")
        }
    }
}
