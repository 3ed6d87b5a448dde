import GatewayCore
import HTTPTypes

/// A connection to one upstream MCP server, whatever its transport: sends a JSON-RPC request and gives back the
/// server's response message (with its `result` or its `error`), after initializing the session once.
///
/// Request ids are the connection's own (several clients share one upstream session); the caller maps the answer
/// back to its client's id. Progress tokens are the connection's own too (``MCPProgressRelay``): the server's
/// `notifications/progress` for a call reach that call's `progress` sink with the client's token, whether they come
/// on the POST's event stream (Streamable HTTP), interleaved on stdout (stdio) or on the session's event stream
/// (HTTP+SSE). A `notifications/tools/list_changed` goes to the `notified` closure the connection was made with;
/// other notifications (log messages) are dropped.
///
/// Cancelling the calling task cancels the call: the server gets `notifications/cancelled` with the connection's
/// own id for it, the call's pending entry and progress route are removed, and `send` throws `CancellationError`.
protocol MCPUpstream: Sendable {
    /// - Parameters:
    ///   - method: the JSON-RPC method (`tools/list`, `tools/call`...).
    ///   - params: its params, relayed as the client sent them (names already mapped back to the server's own).
    ///   - headers: per-request headers to forward (the server's `extra_headers` the client sent).
    ///   - progress: where the call's progress notifications go; nil drops them (and the client's token).
    /// - Returns: the response message; its `error` member is the server's own error.
    /// - Throws: ``MCPUpstreamError`` when the server cannot be reached, times out or answers something that is not
    ///   JSON-RPC; `CancellationError` when the calling task was cancelled.
    func send(method: String, params: JSON?, headers: HTTPFields, progress: MCPProgressSink?) async throws -> JSON

    /// Ends the session and, for a child process, stops it.
    func close() async

    /// The calls waiting for an answer plus the progress routes held: 0 whenever no call runs, however the last ones
    /// ended (answered, failed, timed out, cancelled).
    var callsInFlight: Int { get async }
}

extension MCPUpstream {
    /// A call whose progress is not relayed (lists, the gateway's own requests).
    func send(method: String, params: JSON?, headers: HTTPFields) async throws -> JSON {
        try await send(method: method, params: params, headers: headers, progress: nil)
    }
}

/// Why an upstream call failed (never holding a credential: the messages name the server only).
struct MCPUpstreamError: Error, Sendable, CustomStringConvertible {
    enum Kind: String, Sendable {
        case unreachable, timeout, malformed, rejected, restarting
    }

    var kind: Kind
    var message: String

    var description: String { message }

    var rpcError: JSONRPCError { .upstream(message, kind: kind.rawValue) }

    /// A task that calls `fail` with a timeout error after `seconds`, unless cancelled first (when the answer came).
    static func timeout(for server: MCPServerDefinition, fail: @escaping @Sendable (MCPUpstreamError) async -> Void) -> Task<Void, any Error> {
        let (milliseconds, seconds, name) = (server.timeoutMilliseconds, server.timeoutSeconds, server.name)
        return Task {
            try await Task.sleep(for: .milliseconds(milliseconds))
            await fail(MCPUpstreamError(kind: .timeout, message: "MCP server '\(name)' did not answer within \(seconds) s."))
        }
    }
}

/// The `initialize` request and `notifications/initialized` an upstream session starts with.
enum MCPHandshake {
    /// The protocol version the gateway asks upstream servers for (the newest the MCP Swift SDK knows).
    static let protocolVersion = "2025-06-18"

    static var initializeParams: JSON {
        [
            "protocolVersion": .string(protocolVersion), "capabilities": [:],
            "clientInfo": ["name": "tollgate-mcp-gateway", "version": "1.0"],
        ]
    }

    static func request(id: Int, method: String, params: JSON?) -> JSON {
        var message: [String: JSON] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        return .object(message)
    }

    static let initialized: JSON = ["jsonrpc": "2.0", "method": "notifications/initialized"]

    /// The notification that cancels the connection's request `id`.
    static func cancelled(_ id: Int) -> JSON {
        ["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": .int(id), "reason": "The client cancelled the call."]]
    }

    /// Whether an upstream notification says the server's tools changed.
    static func isListChanged(_ message: JSON) -> Bool {
        message["id"] == nil && message["method"]?.stringValue == "notifications/tools/list_changed"
    }

    /// Checks that an upstream answer to the request `id` is a JSON-RPC response.
    static func checkResponse(_ message: JSON, id: Int, server: String) throws -> JSON {
        guard message["id"]?.intValue == id, message["result"] != nil || message["error"]?.objectValue != nil else {
            throw MCPUpstreamError(kind: .malformed, message: "MCP server '\(server)' answered with something that is not a JSON-RPC response.")
        }
        return message
    }
}
