import GatewayCore
import HTTPTypes

/// A connection to one upstream MCP server, whatever its transport: sends a JSON-RPC request and gives back the
/// server's response message (with its `result` or its `error`), after initializing the session once.
///
/// Request ids are the connection's own (several clients share one upstream session); the caller maps the answer
/// back to its client's id. Notifications the server sends meanwhile (progress, log messages) are not relayed.
protocol MCPUpstream: Sendable {
    /// - Parameters:
    ///   - method: the JSON-RPC method (`tools/list`, `tools/call`...).
    ///   - params: its params, relayed as the client sent them (names already mapped back to the server's own).
    ///   - headers: per-request headers to forward (the server's `extra_headers` the client sent).
    /// - Returns: the response message; its `error` member is the server's own error.
    /// - Throws: ``MCPUpstreamError`` when the server cannot be reached, times out or answers something that is not
    ///   JSON-RPC.
    func send(method: String, params: JSON?, headers: HTTPFields) async throws -> JSON

    /// Ends the session and, for a child process, stops it.
    func close() async
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
    static func timeout(
        after seconds: Double, server: String, fail: @escaping @Sendable (MCPUpstreamError) async -> Void
    ) -> Task<Void, any Error> {
        Task {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            await fail(MCPUpstreamError(kind: .timeout, message: "MCP server '\(server)' did not answer within \(seconds) s."))
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

    /// Checks that an upstream answer to the request `id` is a JSON-RPC response.
    static func checkResponse(_ message: JSON, id: Int, server: String) throws -> JSON {
        guard message["id"]?.intValue == id, message["result"] != nil || message["error"]?.objectValue != nil else {
            throw MCPUpstreamError(kind: .malformed, message: "MCP server '\(server)' answered with something that is not a JSON-RPC response.")
        }
        return message
    }
}
