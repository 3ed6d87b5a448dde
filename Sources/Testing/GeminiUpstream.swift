import Foundation
public import GatewayCore
import Hummingbird
import NIOCore

/// A stand-in Gemini API on loopback, speaking its real wire format: `POST {prefix}/{model}:generateContent`,
/// `:streamGenerateContent?alt=sse` (server-sent events, each a whole `GenerateContentResponse`, the stream ending
/// when the body ends), `:embedContent` and `:batchEmbedContents`.
///
/// The path prefix and the credential check are settings, so one stand-in serves AI Studio (`/v1beta/models`, the
/// key in `x-goog-api-key`) and Vertex AI (`/v1/projects/{p}/locations/{l}/publishers/google/models`, a bearer
/// token). It checks what Gemini checks: the credential (AI Studio's answer to a wrong key is its 400
/// `API_KEY_INVALID`), unknown request fields (400 `Invalid JSON payload received. Unknown name ...`), roles,
/// empty parts, a function response turn that does not follow its call turn, and, for `gemini-3` models, a
/// function call sent back without its `thoughtSignature`. The model name chooses the answer
/// (``GeminiUpstreamResponses``):
///
/// | model | answer |
/// | --- | --- |
/// | `safety-block` | 200 with `promptFeedback.blockReason: SAFETY` and no candidates |
/// | `safety-answer` | a candidate ending with `finishReason: SAFETY` |
/// | `quota` / `permission-denied` / `bad-request` / `broken` / `unavailable` | 429 `RESOURCE_EXHAUSTED` / 403 `PERMISSION_DENIED` / 400 `INVALID_ARGUMENT` / 500 `INTERNAL` / 503 `UNAVAILABLE` |
/// | `too-long` | Gemini's 400 for a prompt over the model's token limit |
/// | `cut` | a stream that ends after its first event, without a finish reason |
/// | `stream-error` | a stream whose second event is an `error` object (429 `RESOURCE_EXHAUSTED`) |
/// | a name containing `thinking`, or `thinkingConfig.includeThoughts` | a `thought` part before the answer, `thoughtsTokenCount` in the usage |
/// | anything else, with function declarations and no function response yet | a `functionCall` of the first declared function (`{"city": "Paris"}`, with a `thoughtSignature`) |
/// | anything else | `gemini says: <last user text>` (after a function response: `weather: <its content>`) |
///
/// Usage: `promptTokenCount` 11, `candidatesTokenCount` 5, `thoughtsTokenCount` 7 when thinking,
/// `cachedContentTokenCount` 4 when the request names `cachedContent`.
public enum GeminiUpstream {
    /// What the stand-in accepts.
    public struct Settings: Sendable {
        /// The path before `/{model}:{method}`.
        public var pathPrefix = "/v1beta/models"
        /// The key AI Studio calls must carry in `x-goog-api-key`.
        public var apiKey = "gemini-test-key-0001"
        /// Whether the call's headers hold a valid credential; nil checks `x-goog-api-key` against ``apiKey``.
        public var authorize: (@Sendable ([String: String]) async -> Bool)?

        public init() {}
    }

    /// Runs the stand-in for the duration of `body`.
    /// - Parameter body: receives its address and its log.
    public static func withRunning<T: Sendable>(
        _ settings: Settings = Settings(), _ body: (TestEndpoint, GeminiUpstreamLog) async throws -> T
    ) async throws -> T {
        let log = GeminiUpstreamLog()
        let router = Router()
        router.post(RouterPath(settings.pathPrefix + "/{call}")) { request, context in
            // `{model}:{method}` is one path segment.
            let segment = context.parameters.get("call") ?? ""
            guard let colon = segment.lastIndex(of: ":") else {
                return GeminiUpstreamResponses.error(404, "NOT_FOUND", "Method not found.")
            }
            let model = String(segment[..<colon])
            let method = String(segment[segment.index(after: colon)...])
            let call = try await log.record(request, model: model, method: method)
            let authorized = await settings.authorize?(call.headers) ?? (call.headers["x-goog-api-key"] == settings.apiKey)
            guard authorized else {
                if settings.authorize != nil {
                    return GeminiUpstreamResponses.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
                }
                return GeminiUpstreamResponses.invalidKey()
            }
            return GeminiUpstreamResponses.answer(call)
        }
        return try await RunningServer.serve(router, label: "gemini-upstream") { port in
            try await body(TestEndpoint(port: port), log)
        }
    }
}

/// One request the Gemini stand-in received.
public struct GeminiUpstreamCall: Sendable {
    public let model: String
    /// `generateContent`, `streamGenerateContent`, `embedContent`, `batchEmbedContents`.
    public let method: String
    public let path: String
    /// The `alt` query parameter (`sse` for a stream).
    public let alt: String?
    /// Header names lower-cased.
    public let headers: [String: String]
    public let body: JSON
}

/// What the Gemini stand-in received.
public actor GeminiUpstreamLog {
    public private(set) var calls: [GeminiUpstreamCall] = []

    func record(_ request: Request, model: String, method: String) async throws -> GeminiUpstreamCall {
        let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let call = GeminiUpstreamCall(
            model: model, method: method, path: request.uri.path, alt: request.uri.queryParameters.get("alt"), headers: headers,
            body: (try? JSON(parsing: buffer)) ?? .null)
        calls.append(call)
        return call
    }
}
