import GatewayCore
import HTTPTypes
import NIOCore

/// `/mcp` and `/mcp/{server}`: the Streamable HTTP transport for MCP clients.
///
/// - `POST`: one JSON-RPC message. A `tools/call`, or any request with `params._meta.progressToken`, is answered
///   with `text/event-stream` when the client accepts it: the call's progress notifications, then its response
///   (`MCPEndpoint+Streams.swift`); other requests with `application/json`. A notification or a response is accepted
///   with 202; `notifications/cancelled` cancels the caller's call with that `requestId` in the same session
///   (``MCPInFlightCalls``). `initialize` opens a session (`Mcp-Session-Id`); a later request naming a session this
///   instance does not know for this key gets 404, so the client initializes again. A request without the header
///   is served too (stateless clients).
/// - `GET`: the session's server-to-client event stream, carrying `notifications/tools/list_changed`.
/// - `DELETE`: ends the session named in `Mcp-Session-Id`.
///
/// Every request is authenticated by the enabled auth hooks with the caller's key (`Authorization: Bearer`,
/// `x-api-key`, or LiteLLM's `x-litellm-api-key`); `/mcp/{server}` narrows the servers to one. Bad input — a body
/// that is not JSON, a batch, a message that is not JSON-RPC, one over `max_message_bytes` — gets a JSON-RPC error
/// with a 4xx status and names nothing but the problem.
struct MCPEndpoint: Sendable {
    let registry: MCPServerRegistry
    let dispatcher: MCPDispatcher
    let sessions: MCPSessions
    let maxMessageBytes: Int
    /// The server-to-client streams, this endpoint's and the older transport's.
    let streams: MCPClientStreams
    let calls = MCPInFlightCalls()

    static let sessionHeader = HTTPField.Name("Mcp-Session-Id")!
    static let litellmKeyHeader = HTTPField.Name("x-litellm-api-key")!

    var routes: [PluginHTTPRoute] {
        ["/mcp", "/mcp/{server}"].flatMap { path in
            [
                PluginHTTPRoute(.post, path, handler: post),
                PluginHTTPRoute(.get, path, handler: openStream),
                PluginHTTPRoute(.delete, path, handler: delete),
            ]
        }
    }

    private func post(_ request: PluginHTTPRequest) async throws -> PluginHTTPResponse {
        let principal = try await authenticate(request)
        let scope = try await servers(in: request)
        let id: JSON
        let method: String
        let params: JSON
        let owner = principal.keyHash ?? principal.subject
        let session = request.headers[Self.sessionHeader]
        switch MCPIncomingMessage(request.body, maxBytes: maxMessageBytes) {
        case .accepted: return PluginHTTPResponse(status: .accepted, body: .bytes(ByteBuffer()))
        case .notification(let method, let params):
            calls.receive(notification: method, params: params, channel: Self.channel(owner: owner, session: session))
            return PluginHTTPResponse(status: .accepted, body: .bytes(ByteBuffer()))
        case .invalid(let status, let errorID, let error): return Self.answer(status, id: errorID, error: error)
        case .request(let requestID, let name, let arguments): (id, method, params) = (requestID, name, arguments)
        }
        var headers: HTTPFields = [:]
        if method == "initialize" {
            let version = MCPDispatcher.negotiatedVersion(params["protocolVersion"]?.stringValue)
            headers[Self.sessionHeader] = sessions.open(owner: owner, protocolVersion: version)
        } else if let session, !sessions.touch(session, owner: owner) {
            return Self.answer(.notFound, id: id, error: .sessionNotFound("Session not found: initialize again."))
        }
        let caller = MCPCaller(requestID: request.requestID, principal: principal, headers: request.headers, runner: request.gateway.runner)
        let call = Call(id: id, method: method, params: params, scope: scope, channel: Self.channel(owner: owner, session: session))
        if method != "initialize", Self.acceptsEventStream(request.headers), Self.streamsAnswer(method: method, params: params) {
            return streamedAnswer(call, caller: caller)
        }
        switch await answer(call, caller: caller) {
        case .success(let result): return Self.answer(.ok, id: id, result: result, headers: headers)
        case .failure(let error): return Self.answer(.ok, id: id, error: error, headers: headers)
        }
    }

    private func delete(_ request: PluginHTTPRequest) async throws -> PluginHTTPResponse {
        let principal = try await authenticate(request)
        guard let session = request.headers[Self.sessionHeader] else {
            return Self.answer(.badRequest, id: .null, error: .invalidRequest("the Mcp-Session-Id header names the session to end"))
        }
        guard sessions.close(session, owner: principal.keyHash ?? principal.subject) else {
            return Self.answer(.notFound, id: .null, error: .sessionNotFound("Session not found."))
        }
        return PluginHTTPResponse(status: .ok, body: .bytes(ByteBuffer()))
    }

    func authenticate(_ request: PluginHTTPRequest) async throws -> Principal {
        let credential = request.credential ?? request.headers[Self.litellmKeyHeader].map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : $0 }
        return try await request.gateway.authenticate(credential: credential, headers: request.headers, route: "/mcp", requestID: request.requestID)
    }

    /// Every server, or the one `/mcp/{server}` names.
    /// - Throws: 404 for a server the gateway does not know.
    func servers(in request: PluginHTTPRequest) async throws -> [MCPServerDefinition] {
        guard let name = request.parameters["server"] else { return await registry.all }
        var found = await registry.server(named: name)
        if found == nil { found = await registry.server(id: name) }
        guard let server = found else {
            throw GatewayError.notFound("No MCP server named '\(name)'.", code: "mcp_server_not_found")
        }
        return [server]
    }

    static func message(id: JSON, result: JSON? = nil, error: JSONRPCError? = nil) -> String {
        var object: [String: JSON] = ["jsonrpc": "2.0", "id": id]
        if let error { object["error"] = error.json } else { object["result"] = result ?? [:] }
        return JSON.object(object).serializedString()
    }

    static func answer(
        _ status: HTTPResponse.Status, id: JSON, result: JSON? = nil, error: JSONRPCError? = nil, headers: HTTPFields = [:]
    ) -> PluginHTTPResponse {
        PluginHTTPResponse(status: status, contentType: "application/json", headers: headers, body: message(id: id, result: result, error: error))
    }
}
