import GatewayCore
import MCP

/// A JSON-RPC error the gateway answers an MCP request with: the protocol's codes (from the MCP SDK's ``MCPError``),
/// plus the gateway's own in the server range for refusals, with `data` saying why.
///
/// Never carries an upstream credential: messages name the server and tool, and an upstream's own error is relayed
/// as that server sent it (its `error` object), not built from our request.
struct JSONRPCError: Error, Sendable, Equatable {
    var code: Int
    var message: String
    var data: JSON?

    /// The `error` member of a response.
    var json: JSON {
        var object: [String: JSON] = ["code": .int(code), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }

    static func parseError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: MCPError.parseError(nil).code, message: "Parse error: \(detail)")
    }

    static func invalidRequest(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: MCPError.invalidRequest(nil).code, message: "Invalid request: \(detail)")
    }

    static func methodNotFound(_ method: String) -> JSONRPCError {
        JSONRPCError(code: MCPError.methodNotFound(nil).code, message: "Method not found: \(method)")
    }

    static func invalidParams(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: MCPError.invalidParams(nil).code, message: "Invalid params: \(detail)")
    }

    /// The caller may not use this server or tool (`data.reason` says which rule refused it).
    static func forbidden(_ message: String, reason: String) -> JSONRPCError {
        JSONRPCError(code: -32003, message: message, data: ["type": "permission_denied", "reason": .string(reason)])
    }

    /// A per-key or per-server call rate was reached.
    static func rateLimited(_ message: String, retryAfter: Double) -> JSONRPCError {
        JSONRPCError(code: -32029, message: message, data: ["type": "rate_limit_exceeded", "retry_after": .double(retryAfter)])
    }

    /// The client cancelled the call (`notifications/cancelled`); sent only where an answer cannot be left out (a JSON
    /// answer to the POST), and ignored by the client then. `-32800` is JSON-RPC's "request cancelled" in LSP.
    static let cancelled = JSONRPCError(code: -32800, message: "Request cancelled by the client.")

    /// The session the client named is not (or no longer) open on this instance for its key.
    static func sessionNotFound(_ message: String) -> JSONRPCError {
        JSONRPCError(code: -32001, message: message)
    }

    /// The upstream server could not be reached, timed out, or answered something that is not MCP.
    static func upstream(_ message: String, kind: String) -> JSONRPCError {
        JSONRPCError(code: -32002, message: message, data: ["type": "upstream_error", "reason": .string(kind)])
    }

    /// A gateway error (a guardrail's block, storage down) as a JSON-RPC error with its OpenAI-shaped body as data.
    init(_ error: GatewayError) {
        self.init(code: -32000, message: error.message, data: error.json["error"])
    }

    init(code: Int, message: String, data: JSON? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }
}
