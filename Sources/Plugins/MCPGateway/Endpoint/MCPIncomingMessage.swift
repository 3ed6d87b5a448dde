import GatewayCore
import HTTPTypes
import NIOCore

/// One message a client sent, checked: a request to answer, a notification (accepted without an answer, acted on
/// when it is `notifications/cancelled`), something else to accept (a client's response), or a JSON-RPC error for a
/// message that is not one (with the HTTP status to send it with).
enum MCPIncomingMessage {
    case request(id: JSON, method: String, params: JSON)
    /// `params` is `{}` when absent or not an object (a notification gets no error back).
    case notification(method: String, params: JSON)
    case accepted
    case invalid(HTTPResponse.Status, id: JSON, JSONRPCError)

    /// Reads a body of at most `maxBytes`: one JSON-RPC 2.0 message (no batches), `id` a string or an integer,
    /// `params` an object.
    init(_ body: ByteBuffer, maxBytes: Int) {
        guard body.readableBytes <= maxBytes else {
            self = .invalid(.contentTooLarge, id: .null, .invalidRequest("the message is over \(maxBytes) bytes"))
            return
        }
        guard let message = try? JSONParser.parse(body.readableBytesView) else {
            self = .invalid(.badRequest, id: .null, .parseError("the body is not JSON"))
            return
        }
        guard case .object = message else {
            let reason = message.arrayValue != nil ? "batches are not supported; send one message per request" : "a message must be an object"
            self = .invalid(.badRequest, id: .null, .invalidRequest(reason))
            return
        }
        let id = message["id"]
        if let id, id.stringValue == nil, id.intValue == nil {
            self = .invalid(.badRequest, id: .null, .invalidRequest("'id' must be a string or an integer"))
            return
        }
        guard message["jsonrpc"]?.stringValue == "2.0" else {
            self = .invalid(.badRequest, id: id ?? .null, .invalidRequest("'jsonrpc' must be \"2.0\""))
            return
        }
        guard let method = message["method"]?.stringValue else {
            // A client's response (to a server request the gateway never sends), or a malformed message.
            let isResponse = id != nil && (message["result"] != nil || message["error"] != nil)
            self = isResponse ? .accepted : .invalid(.badRequest, id: id ?? .null, .invalidRequest("'method' must be a string"))
            return
        }
        let params = message["params"] ?? [:]
        guard let id else {
            self = .notification(method: method, params: params.objectValue != nil ? params : [:])
            return
        }
        guard params.objectValue != nil else {
            self = .invalid(.badRequest, id: id, .invalidParams("'params' must be an object"))
            return
        }
        self = .request(id: id, method: method, params: params)
    }
}
