import AsyncHTTPClient
import Foundation
import GatewayCore
import HTTPTypes
import NIOCore
import NIOHTTP1

/// An upstream MCP server over the older HTTP+SSE transport (protocol 2024-11-05): a GET opens an event stream whose
/// first `endpoint` event names the URL to POST messages to; responses come back as `message` events on the stream.
///
/// The stream is opened on first use and again after it ends; calls waiting when it ends fail with
/// ``MCPUpstreamError/Kind/unreachable``. Notifications on the stream are relayed (a call's progress to its sink, a
/// `tools/list_changed` to `notified`); a cancelled call is told to the server as `notifications/cancelled`.
actor LegacySSEUpstream: MCPUpstream {
    private let server: MCPServerDefinition
    private let httpClient: HTTPClient
    private let credentials: MCPUpstreamCredentials
    private let maxMessageBytes: Int
    private var endpoint: String?
    private var endpointWaiters: [CheckedContinuation<String, any Error>] = []
    private var pending: [Int: CheckedContinuation<JSON, any Error>] = [:]
    private var reader: Task<Void, Never>?
    private var initialized = false
    private var nextID = 1
    private var progress = MCPProgressRelay()
    private let notified: @Sendable (JSON) -> Void

    init(
        server: MCPServerDefinition, httpClient: HTTPClient, credentials: MCPUpstreamCredentials, maxMessageBytes: Int,
        notified: @escaping @Sendable (JSON) -> Void = { _ in }
    ) {
        self.server = server
        self.httpClient = httpClient
        self.credentials = credentials
        self.maxMessageBytes = maxMessageBytes
        self.notified = notified
    }

    var callsInFlight: Int { pending.count + progress.count }

    func send(method: String, params: JSON?, headers: HTTPFields, progress sink: MCPProgressSink?) async throws -> JSON {
        if !initialized {
            let answer = try await exchange(method: "initialize", params: MCPHandshake.initializeParams, headers: headers)
            if answer["error"] != nil { throw MCPUpstreamError(kind: .rejected, message: "MCP server '\(server.name)' refused to initialize.") }
            try await post(MCPHandshake.initialized, to: try await messageEndpoint(), headers: headers)
            initialized = true
        }
        let (upstreamParams, token) = progress.register(params, sink: sink)
        defer { progress.remove(token) }
        return try await exchange(method: method, params: upstreamParams, headers: headers)
    }

    func close() async {
        reader?.cancel()
        ended("The MCP server '\(server.name)' was removed.")
    }

    private func exchange(method: String, params: JSON?, headers: HTTPFields) async throws -> JSON {
        let target = try await messageEndpoint()
        let id = nextID
        nextID += 1
        let timer = MCPUpstreamError.timeout(for: server) { [weak self] in await self?.fail(id, $0) }
        defer { timer.cancel() }
        let message = MCPHandshake.request(id: id, method: method, params: params)
        let answer = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSON, any Error>) in
                pending[id] = continuation
                Task {
                    do {
                        try await self.post(message, to: target, headers: headers)
                    } catch {
                        self.fail(id, error)
                    }
                }
            }
        } onCancel: {
            Task { await self.cancel(id, target: target, headers: headers) }
        }
        return try MCPHandshake.checkResponse(answer, id: id, server: server.name)
    }

    /// Ends a waiting call whose caller was cancelled, and tells the server.
    private func cancel(_ id: Int, target: String, headers: HTTPFields) async {
        guard let continuation = pending.removeValue(forKey: id) else { return }
        continuation.resume(throwing: CancellationError())
        try? await post(MCPHandshake.cancelled(id), to: target, headers: headers)
    }

    private func fail(_ id: Int, _ error: any Error) {
        pending.removeValue(forKey: id)?.resume(throwing: error)
    }

    private func post(_ message: JSON, to target: String, headers: HTTPFields) async throws {
        var request = HTTPClientRequest(url: target)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in try await credentials.headers(for: server) { request.headers.replaceOrAdd(name: name, value: value) }
        for field in headers { request.headers.replaceOrAdd(name: field.name.canonicalName, value: field.value) }
        request.body = .bytes(message.serialized())
        guard let response = try? await httpClient.execute(request, timeout: .milliseconds(server.timeoutMilliseconds)) else {
            throw MCPUpstreamError(kind: .unreachable, message: "MCP server '\(server.name)' cannot be reached.")
        }
        _ = try? await response.body.collect(upTo: 1 << 16)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw MCPUpstreamError(kind: .rejected, message: "MCP server '\(server.name)' answered HTTP \(response.status.code).")
        }
    }

    /// The POST URL the stream named, opening the stream when none is open.
    private func messageEndpoint() async throws -> String {
        if let endpoint { return endpoint }
        if reader == nil {
            let headers = try await credentials.headers(for: server)
            reader = Task { [weak self] in await self?.read(headers: headers) }
        }
        return try await withCheckedThrowingContinuation { endpointWaiters.append($0) }
    }

    private func read(headers: [(String, String)]) async {
        guard let url = server.url else { return ended("MCP server '\(server.name)' has no url.") }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "text/event-stream")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        do {
            let response = try await httpClient.execute(request, deadline: .distantFuture)
            guard response.status == .ok else { return ended("MCP server '\(server.name)' answered HTTP \(response.status.code).") }
            var parser = SSEParser()
            for try await chunk in response.body {
                for event in parser.feed(chunk) { receive(event, base: url) }
            }
            ended("MCP server '\(server.name)' closed its event stream.")
        } catch {
            ended("MCP server '\(server.name)' cannot be reached.")
        }
    }

    private func receive(_ event: ServerSentEvent, base: String) {
        if event.event == "endpoint" {
            let target = Self.resolve(event.data, against: base)
            endpoint = target
            for waiter in endpointWaiters { waiter.resume(returning: target) }
            endpointWaiters = []
            return
        }
        guard event.data.utf8.count <= maxMessageBytes, let message = try? JSONParser.parse(event.data) else { return }
        if MCPHandshake.isListChanged(message) { return notified(message) }
        if progress.relay(message) { return }
        guard message["method"] == nil, let id = message["id"]?.intValue else { return }
        pending.removeValue(forKey: id)?.resume(returning: message)
    }

    /// Fails every waiting call; the next call opens a new stream and session.
    private func ended(_ reason: String) {
        let error = MCPUpstreamError(kind: .unreachable, message: reason)
        for waiter in endpointWaiters { waiter.resume(throwing: error) }
        endpointWaiters = []
        let waiting = pending
        pending = [:]
        for continuation in waiting.values { continuation.resume(throwing: error) }
        endpoint = nil
        reader = nil
        initialized = false
    }

    /// The endpoint event's URL: absolute as it is, or a path on the stream URL's origin.
    static func resolve(_ endpoint: String, against base: String) -> String {
        if endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") { return endpoint }
        guard let url = URL(string: base), let scheme = url.scheme, let host = url.host else { return endpoint }
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)\(endpoint.hasPrefix("/") ? "" : "/")\(endpoint)"
    }
}
