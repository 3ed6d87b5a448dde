import AsyncHTTPClient
import Foundation
import GatewayCore
import HTTPTypes
import NIOCore
import NIOHTTP1

/// An upstream MCP server over Streamable HTTP: every request is a POST of one JSON-RPC message, answered with JSON
/// or with a server-sent-event stream that carries the response (and notifications before it: a call's progress is
/// relayed to its sink, a `tools/list_changed` to `notified`). A cancelled call's POST is abandoned and the server
/// gets `notifications/cancelled` in a POST of its own. The server-to-client GET stream is not opened: notifications
/// the server sends outside a request are not seen.
///
/// The session (`Mcp-Session-Id`) is initialized on first use and again when the server forgets it (404). Written
/// on AsyncHTTPClient rather than the MCP Swift SDK's `HTTPClientTransport`, which is built on URLSession and does
/// not read SSE answers on Linux (its own warning), and decodes every message into its types where the gateway relays
/// them.
actor StreamableHTTPUpstream: MCPUpstream {
    private let server: MCPServerDefinition
    private let url: String
    private let httpClient: HTTPClient
    private let credentials: MCPUpstreamCredentials
    /// The largest answer read, in bytes.
    private let maxMessageBytes: Int
    private let notified: @Sendable (JSON) -> Void
    private var sessionID: String?
    private var initialized = false
    private var nextID = 1
    private var progress = MCPProgressRelay()

    init(
        server: MCPServerDefinition, httpClient: HTTPClient, credentials: MCPUpstreamCredentials, maxMessageBytes: Int,
        notified: @escaping @Sendable (JSON) -> Void = { _ in }
    ) {
        self.server = server
        self.url = server.url ?? ""
        self.httpClient = httpClient
        self.credentials = credentials
        self.maxMessageBytes = maxMessageBytes
        self.notified = notified
    }

    /// The progress routes held (each call's POST is its own pending entry, ended with the call's task).
    var callsInFlight: Int { progress.count }

    func send(method: String, params: JSON?, headers: HTTPFields, progress sink: MCPProgressSink?) async throws -> JSON {
        if !initialized { try await initialize(headers: headers) }
        let (upstreamParams, token) = progress.register(params, sink: sink)
        defer { progress.remove(token) }
        do {
            return try await exchange(method: method, params: upstreamParams, headers: headers)
        } catch let error as SessionExpired {
            _ = error
            // The server restarted or dropped the session: one new session, one retry.
            initialized = false
            sessionID = nil
            try await initialize(headers: headers)
            return try await exchange(method: method, params: upstreamParams, headers: headers)
        }
    }

    func close() async {
        guard let sessionID else { return }
        var request = HTTPClientRequest(url: url)
        request.method = .DELETE
        request.headers.add(name: "Mcp-Session-Id", value: sessionID)
        _ = try? await httpClient.execute(request, timeout: .seconds(2))
        self.sessionID = nil
        initialized = false
    }

    private func initialize(headers: HTTPFields) async throws {
        let answer = try await exchange(method: "initialize", params: MCPHandshake.initializeParams, headers: headers)
        if let error = answer["error"] {
            throw MCPUpstreamError(
                kind: .rejected, message: "MCP server '\(server.name)' refused to initialize: \(error["message"]?.stringValue ?? "no reason given")")
        }
        _ = try await post(MCPHandshake.initialized, headers: headers, expectAnswer: nil)
        initialized = true
    }

    private func exchange(method: String, params: JSON?, headers: HTTPFields) async throws -> JSON {
        let id = nextID
        nextID += 1
        let message = MCPHandshake.request(id: id, method: method, params: params)
        let answer = try await withTaskCancellationHandler {
            do {
                return try await post(message, headers: headers, expectAnswer: id)
            } catch {
                // The POST failed because the call was cancelled (AsyncHTTPClient cancels with the task).
                try Task.checkCancellation()
                throw error
            }
        } onCancel: {
            Task { await self.cancelUpstream(id, headers: headers) }
        }
        try Task.checkCancellation()
        guard let answer else {
            throw MCPUpstreamError(kind: .malformed, message: "MCP server '\(server.name)' ended its answer without a response.")
        }
        return try MCPHandshake.checkResponse(answer, id: id, server: server.name)
    }

    /// Tells the server a call was cancelled (its POST was abandoned, which a server need not notice).
    private func cancelUpstream(_ id: Int, headers: HTTPFields) async {
        _ = try? await post(MCPHandshake.cancelled(id), headers: headers, expectAnswer: nil)
    }

    /// Thrown when the server answers 404 to a request in a session: it no longer knows the session.
    private struct SessionExpired: Error {}

    /// POSTs one message; returns the response with id `expectAnswer` (nil for a notification).
    private func post(_ message: JSON, headers: HTTPFields, expectAnswer id: Int?) async throws -> JSON? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json, text/event-stream")
        request.headers.add(name: "MCP-Protocol-Version", value: MCPHandshake.protocolVersion)
        if let sessionID { request.headers.add(name: "Mcp-Session-Id", value: sessionID) }
        for (name, value) in try await credentials.headers(for: server) { request.headers.replaceOrAdd(name: name, value: value) }
        for field in headers { request.headers.replaceOrAdd(name: field.name.canonicalName, value: field.value) }
        request.body = .bytes(message.serialized())
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: .milliseconds(server.timeoutMilliseconds))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw MCPUpstreamError(kind: .timeout, message: "MCP server '\(server.name)' did not answer within \(server.timeoutSeconds) s.")
        } catch {
            throw MCPUpstreamError(kind: .unreachable, message: "MCP server '\(server.name)' cannot be reached.")
        }
        if let session = response.headers.first(name: "Mcp-Session-Id"), !session.isEmpty { sessionID = session }
        if response.status == .notFound, sessionID != nil, initialized { throw SessionExpired() }
        guard (200..<300).contains(Int(response.status.code)) else {
            throw MCPUpstreamError(kind: .rejected, message: "MCP server '\(server.name)' answered HTTP \(response.status.code).")
        }
        guard let id else { return nil }
        let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        if contentType.hasPrefix("text/event-stream") {
            return try await readEventStream(response.body, id: id)
        }
        let body = try await collect(response.body)
        do {
            return try JSONParser.parse(body.readableBytesView)
        } catch {
            throw MCPUpstreamError(kind: .malformed, message: "MCP server '\(server.name)' answered with a body that is not JSON.")
        }
    }

    private func collect(_ body: HTTPClientResponse.Body) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: maxMessageBytes)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw MCPUpstreamError(kind: .malformed, message: "MCP server '\(server.name)' answered with more than \(maxMessageBytes) bytes.")
        }
    }

    /// Reads events until the response with `id`; notifications before it are relayed (progress, list changes) or
    /// dropped.
    private func readEventStream(_ body: HTTPClientResponse.Body, id: Int) async throws -> JSON? {
        var parser = SSEParser()
        var received = 0
        for try await chunk in body {
            received += chunk.readableBytes
            guard received <= maxMessageBytes else {
                throw MCPUpstreamError(kind: .malformed, message: "MCP server '\(server.name)' sent more than \(maxMessageBytes) bytes.")
            }
            for event in parser.feed(chunk) where event.event == nil || event.event == "message" {
                guard let message = try? JSONParser.parse(event.data) else {
                    throw MCPUpstreamError(kind: .malformed, message: "MCP server '\(server.name)' sent an event that is not JSON.")
                }
                if message["id"]?.intValue == id, message["method"] == nil { return message }
                if MCPHandshake.isListChanged(message) {
                    notified(message)
                } else {
                    progress.relay(message)
                }
            }
        }
        return nil
    }
}
