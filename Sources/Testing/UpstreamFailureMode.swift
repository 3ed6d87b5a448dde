import Foundation
import GatewayCore
import Hummingbird
import NIOCore

/// A failure the upstream was asked to produce, or nil for a normal answer.
enum UpstreamFailureMode {
    static func response(for call: UpstreamCallRecord, anthropic: Bool) async throws -> Response? {
        if let echo = credentialEcho(call, anthropic: anthropic) { return echo }
        switch call.mode {
        case "status-500", "status-503", "status-429", "status-400", "status-401", "status-404":
            let status = HTTPResponse.Status(code: Int(call.mode.dropFirst("status-".count)) ?? 500)
            let body: JSON =
                anthropic
                ? ["type": "error", "error": ["type": "api_error", "message": .string("upstream failure \(status.code)")]]
                : ["error": ["message": .string("upstream failure \(status.code)"), "type": "server_error", "param": nil, "code": nil]]
            var headers: HTTPFields = [.contentType: "application/json"]
            // Both providers say how long to wait on a rate limit.
            if status == .tooManyRequests { headers[.retryAfter] = "1" }
            return Response(status: status, headers: headers, body: .init(byteBuffer: body.serialized()))
        case "context-length":
            let body: JSON =
                anthropic
                ? ["type": "error", "error": ["type": "invalid_request_error", "message": "prompt is too long: 208310 tokens > 200000 maximum"]]
                : [
                    "error": [
                        "message":
                            "This model's maximum context length is 8192 tokens. However, your messages resulted in 9013 tokens. Please reduce the length of the messages.",
                        "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded",
                    ]
                ]
            return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: body.serialized()))
        case "content-policy":
            let body: JSON =
                anthropic
                ? ["type": "error", "error": ["type": "invalid_request_error", "message": "Output blocked by content filtering policy"]]
                : [
                    "error": [
                        "message":
                            "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.",
                        "type": "invalid_request_error", "param": nil, "code": "content_policy_violation",
                    ]
                ]
            return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: body.serialized()))
        case "empty-stream":
            return cutStream([])
        case "truncated-body":
            // The head promises 1000 bytes; about 60 arrive, then the connection closes.
            let partial =
                anthropic
                ? #"{"id":"msg_upstream","type":"message","content":[{"type":"text","#
                : #"{"id":"chatcmpl-upstream","object":"chat.completion","choices":["#
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(contentLength: 1000) { writer in
                    try await writer.write(ByteBuffer(string: partial))
                    throw CutStream()
                })
        case "not-json":
            return Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<html>oops</html>")))
        case "hang":
            try await Task.sleep(for: .seconds(3))
            return nil
        default:
            return nil
        }
    }

    /// The `echo-key-*` modes: an error that quotes the credential the upstream received (`authorization` for OpenAI,
    /// `x-api-key` for Anthropic), as debug proxies and some self-hosted servers do.
    private static func credentialEcho(_ call: UpstreamCallRecord, anthropic: Bool) -> Response? {
        guard call.mode.hasPrefix("echo-key-") else { return nil }
        let credential = (anthropic ? call.headers["x-api-key"] : call.headers["authorization"]) ?? "none"
        let message = "Invalid credential received: \(credential). Check the key configured for this endpoint."
        func errorBody(_ message: String, type: String) -> JSON {
            anthropic
                ? ["type": "error", "error": ["type": .string(type), "message": .string(message)]]
                : ["error": ["message": .string(message), "type": .string(type), "param": nil, "code": "invalid_api_key"]]
        }
        func reply(_ status: HTTPResponse.Status, _ body: JSON) -> Response {
            Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: body.serialized()))
        }
        switch call.mode {
        case "echo-key-400": return reply(.badRequest, errorBody(message, type: "invalid_request_error"))
        case "echo-key-401": return reply(.unauthorized, errorBody(message, type: "authentication_error"))
        case "echo-key-500": return reply(.internalServerError, errorBody(message, type: "server_error"))
        case "echo-key-long-400":
            let long = String(repeating: "x", count: TestUpstream.credentialEchoPadding) + credential.replacingOccurrences(of: "Bearer ", with: "")
            return reply(.badRequest, errorBody(long, type: "invalid_request_error"))
        case "echo-key-text-502":
            let text = "debug-proxy: upstream refused the request. Request headers: authorization=\(credential); x-api-key=\(credential)"
            return Response(status: .badGateway, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: text)))
        case "echo-key-stream":
            return anthropic ? anthropicEchoStream(message: message) : openAIEchoStream(message: message)
        default: return nil
        }
    }

    /// A role chunk and a content chunk, then an OpenAI error event.
    private static func openAIEchoStream(message: String) -> Response {
        func chunk(_ delta: JSON) -> String {
            let chunk: JSON = [
                "id": "chatcmpl-upstream", "object": "chat.completion.chunk", "created": 1_700_000_000, "model": "echo-key-stream",
                "choices": [["index": 0, "delta": delta, "finish_reason": nil]],
            ]
            return "data: \(chunk.serializedString())\n\n"
        }
        let error: JSON = ["error": ["message": .string(message), "type": "server_error", "param": nil, "code": nil]]
        return OpenAIUpstreamResponses.stream(
            [chunk(["role": "assistant", "content": ""]), chunk(["content": "partial "]), "data: \(error.serializedString())\n\n"], delay: nil)
    }

    /// A message start and a first text delta, then an Anthropic `error` event.
    private static func anthropicEchoStream(message: String) -> Response {
        func event(_ type: String, _ data: JSON) -> String {
            var data = data
            data["type"] = .string(type)
            return ServerSentEvent(event: type, data: data.serializedString()).encoded
        }
        let start: JSON = [
            "message": [
                "id": "msg_upstream", "type": "message", "role": "assistant", "model": "echo-key-stream", "content": [], "stop_reason": nil,
                "stop_sequence": nil, "usage": ["input_tokens": 11, "output_tokens": 1],
            ]
        ]
        return OpenAIUpstreamResponses.stream(
            [
                event("message_start", start), event("content_block_start", ["index": 0, "content_block": ["type": "text", "text": ""]]),
                event("content_block_delta", ["index": 0, "delta": ["type": "text_delta", "text": "partial "]]),
                event("error", ["error": ["type": "overloaded_error", "message": .string(message)]]),
            ], delay: nil)
    }

    /// Writes events, then ends the connection without the stream's end marker.
    static func cutStream(_ events: [String]) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                for event in events { try await writer.write(ByteBuffer(string: event)) }
                throw CutStream()
            })
    }

    struct CutStream: Error {}
}
