import Foundation
public import GatewayCore
import HTTPTypes
import Hummingbird
import NIOCore

/// A stand-in Cohere API on loopback, speaking Cohere's v2 wire format and checking what it receives.
///
/// `POST /v2/chat`, `/v2/embed` and `/v2/rerank`, each with `Authorization: Bearer <apiKey>` (else Cohere's 401
/// `{"message": "invalid api token"}`) and a body of the endpoint's v2 shape: a field v2 does not have (OpenAI's
/// `top_p`, `stop`, `n`, `stream_options`, `user`, ...), a message role or a document of the wrong type gets Cohere's
/// 400 `{"message": "invalid request: ..."}`, as the real API answers. The model name chooses the behaviour:
///
/// | model | answer |
/// | --- | --- |
/// | `…-throttled` | 429 `{"message": "You are using a Trial key, ..."}` |
/// | `…-broken` | 500 `{"message": "internal server error"}` |
/// | `…-error` | chat: `finish_reason: ERROR` (streamed: a `message-end` with `ERROR` and an `error`) |
/// | `…-cut` | chat stream: the connection closes after the first `content-delta` |
/// | anything else | chat: `cohere says: <last user text>`, or, when the request declares tools and its last message is not a tool result, a `tool_plan` and a call of the first tool with `{"city":"Paris"}`; after a tool result, `It is sunny in Paris.` Streamed as Cohere streams (`message-start`, `content-start`, `content-delta` per word, `content-end`, or `tool-plan-delta`, `tool-call-start`/`-delta`/`-end`; `message-end` with usage) |
///
/// Usage: chat bills ``billedInputTokens`` and ``billedOutputTokens`` (and counts other, larger `tokens`, so a test
/// can tell which the gateway priced); embed bills one input token per word; rerank bills one search unit per started
/// 100 documents. Rerank scores a document by the share of the query's words it holds.
public enum CohereUpstream {
    public static let apiKey = "cohere-test-key-0001"
    public static let billedInputTokens = 11
    public static let billedOutputTokens = 7

    /// Fields each v2 endpoint takes; anything else is refused as Cohere refuses it.
    static let chatFields: Set<String> = [
        "model", "messages", "stream", "tools", "documents", "citation_options", "response_format", "safety_mode", "max_tokens", "stop_sequences",
        "temperature", "seed", "frequency_penalty", "presence_penalty", "k", "p", "logprobs", "tool_choice", "strict_tools", "thinking", "priority",
    ]
    static let embedFields: Set<String> = [
        "model", "texts", "images", "inputs", "input_type", "output_dimension", "embedding_types", "truncate", "priority",
    ]
    static let rerankFields: Set<String> = ["model", "query", "documents", "top_n", "max_tokens_per_doc", "priority", "relevant_spans"]

    /// Runs the stand-in for the duration of `body`, which receives its address and its log.
    public static func withRunning<T: Sendable>(_ body: (TestEndpoint, CohereUpstreamLog) async throws -> T) async throws -> T {
        let log = CohereUpstreamLog()
        let router = Router()
        for path in ["chat", "embed", "rerank"] {
            router.post("/v2/\(path)") { request, _ in
                let call = try await log.record(request)
                if let refusal = refusal(call, path: path) { return refusal }
                switch path {
                case "chat": return CohereUpstreamAnswers.chat(call.body)
                case "embed": return CohereUpstreamAnswers.embed(call.body)
                default: return CohereUpstreamAnswers.rerank(call.body)
                }
            }
        }
        return try await RunningServer.serve(router, label: "cohere-upstream") { port in try await body(TestEndpoint(port: port), log) }
    }

    /// Cohere's error for a request it would refuse; nil for one it answers.
    static func refusal(_ call: CohereUpstreamCall, path: String) -> Response? {
        guard call.headers["authorization"] == "Bearer \(apiKey)" else { return error(.unauthorized, "invalid api token") }
        guard let fields = call.body.objectValue, let model = fields["model"]?.stringValue else {
            return error(.badRequest, "invalid request: model must be a string")
        }
        let allowed = path == "chat" ? chatFields : path == "embed" ? embedFields : rerankFields
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            return error(.badRequest, "invalid request: unknown field: parameter \(unknown) is not a valid field")
        }
        if model.hasSuffix("-throttled") {
            return error(.tooManyRequests, "You are using a Trial key, which is limited to 10 API calls / minute. Please try again later.")
        }
        if model.hasSuffix("-broken") { return error(.internalServerError, "internal server error") }
        switch path {
        case "chat":
            let roles: Set<String> = ["system", "user", "assistant", "tool"]
            guard let messages = fields["messages"]?.arrayValue, !messages.isEmpty,
                messages.allSatisfy({ roles.contains($0["role"]?.stringValue ?? "") })
            else { return error(.badRequest, "invalid request: messages must be a list of system, user, assistant or tool messages") }
            if let tool = messages.first(where: { $0["role"] == "tool" }), tool["tool_call_id"]?.stringValue == nil {
                return error(.badRequest, "invalid request: a tool message needs tool_call_id")
            }
            if let choice = fields["tool_choice"], !["REQUIRED", "NONE"].contains(choice.stringValue ?? "") {
                return error(.badRequest, "invalid request: tool_choice must be one of REQUIRED, NONE")
            }
        case "embed":
            guard let texts = fields["texts"]?.arrayValue, !texts.isEmpty, texts.allSatisfy({ $0.stringValue != nil }) else {
                return error(.badRequest, "invalid request: texts must be a list of strings")
            }
            guard fields["input_type"]?.stringValue != nil else {
                return error(.badRequest, "invalid request: valid input_type must be provided with the provided model")
            }
        default:
            guard fields["query"]?.stringValue != nil, let documents = fields["documents"]?.arrayValue,
                documents.allSatisfy({ $0.stringValue != nil })
            else { return error(.badRequest, "invalid request: query must be a string and documents a list of strings") }
        }
        return nil
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body: JSON = ["id": .string(UUID().uuidString.lowercased()), "message": .string(message)]
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: body.serialized()))
    }
}

/// One request the Cohere stand-in received.
public struct CohereUpstreamCall: Sendable {
    public let path: String
    /// Lower-cased names.
    public let headers: [String: String]
    public let body: JSON
}

/// What the Cohere stand-in received.
public actor CohereUpstreamLog {
    public private(set) var calls: [CohereUpstreamCall] = []

    func record(_ request: Request) async throws -> CohereUpstreamCall {
        let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let call = CohereUpstreamCall(path: request.uri.path, headers: headers, body: (try? JSON(parsing: buffer)) ?? .null)
        calls.append(call)
        return call
    }
}
