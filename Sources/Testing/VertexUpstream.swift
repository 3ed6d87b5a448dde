import Foundation
public import GatewayCore
import Hummingbird
import NIOCore
import Synchronization

/// A stand-in for Vertex AI's publisher-model endpoints on loopback:
/// `POST /v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}:{method}`.
///
/// Every call must carry `Authorization: Bearer <token>` with a token ``acceptsToken`` accepts (one the Google OAuth
/// stand-in issued), else Google's 401 `UNAUTHENTICATED`; a project other than ``project`` or a location outside
/// ``locations`` gets Google's 404 `NOT_FOUND` for the publisher model, as Vertex answers it.
///
/// `publishers/anthropic` (Claude): `rawPredict` and `streamRawPredict` with Anthropic's Messages body, as strict as
/// Vertex: `anthropic_version: vertex-2023-10-16`, no `model` (400 `invalid_request_error` otherwise), `stream: true`
/// exactly for `streamRawPredict`. A model whose name contains `thinking` answers with signed extended thinking and
/// refuses a turn whose thinking did not come back (``AnthropicThinkingAnswers``); any other answers as
/// ``TestUpstream``'s `/v1/messages` does for the part of the model after `claude-` (`claude-status-429`,
/// `claude-cut-stream`, `claude-tool-call`, ...). `count-tokens:rawPredict` counts (the body must name the model).
///
/// `publishers/google` (Gemini): `generateContent`, `streamGenerateContent?alt=sse` as GatewayTesting's
/// ``GeminiUpstream`` answers them, and `countTokens` (`{"totalTokens", "totalBillableCharacters"}`).
public final class VertexUpstream: Sendable {
    /// One call received.
    public struct Call: Sendable {
        public let project: String
        public let location: String
        public let publisher: String
        public let model: String
        public let method: String
        /// Header names lower-cased.
        public let headers: [String: String]
        public let body: JSON
    }

    /// The project that exists.
    public let project: String
    /// The locations served.
    public let locations: Set<String>
    private let acceptsToken: @Sendable (String) -> Bool
    private let received = Mutex<[Call]>([])
    /// Claude's answers with extended thinking.
    public let thinking = AnthropicThinkingAnswers()
    private let geminiLog = GeminiUpstreamLog()

    /// - Parameter acceptsToken: whether a bearer token is valid (usually: ``GoogleOAuthUpstream/issued`` holds it).
    public init(
        project: String = "tollgate-project", locations: Set<String> = ["us-central1", "europe-west1", "global"],
        acceptsToken: @escaping @Sendable (String) -> Bool
    ) {
        self.project = project
        self.locations = locations
        self.acceptsToken = acceptsToken
    }

    /// Every call received, oldest first (refused ones included).
    public var calls: [Call] { received.withLock { $0 } }

    /// Runs the stand-in for the duration of `body`, which gets its address (the deployments' `api_base`).
    public func withRunning<T: Sendable>(_ body: (TestEndpoint) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{call}") { request, context in
            let segment = context.parameters.get("call") ?? ""
            guard let colon = segment.lastIndex(of: ":") else { return GeminiUpstreamResponses.error(404, "NOT_FOUND", "Method not found.") }
            let model = String(segment[..<colon])
            let method = String(segment[segment.index(after: colon)...])
            let project = context.parameters.get("project") ?? ""
            let location = context.parameters.get("location") ?? ""
            let publisher = context.parameters.get("publisher") ?? ""
            if publisher == "google" {
                let call = try await self.geminiLog.record(request, model: model, method: method)
                self.received.withLock {
                    $0.append(
                        Call(
                            project: project, location: location, publisher: publisher, model: model, method: method, headers: call.headers,
                            body: call.body))
                }
                if let refusal = self.refusal(call.headers, project: project, location: location, publisher: publisher, model: model) {
                    return refusal
                }
                if method == "countTokens" {
                    guard call.body["contents"] != nil, call.body["model"] == nil else {
                        return GeminiUpstreamResponses.error(400, "INVALID_ARGUMENT", "countTokens takes contents and no model.")
                    }
                    let characters = call.body["contents"]?.serializedString().count ?? 0
                    return GeminiUpstreamResponses.json(["totalTokens": .int(characters / 4 + 1), "totalBillableCharacters": .int(characters)])
                }
                return GeminiUpstreamResponses.answer(call)
            }
            let bytes = try await request.body.collect(upTo: 16 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let json = (try? JSON(parsing: bytes)) ?? .null
            let call = Call(project: project, location: location, publisher: publisher, model: model, method: method, headers: headers, body: json)
            let sequence = self.received.withLock { calls in
                calls.append(call)
                return calls.count { $0.model == model }
            }
            if let refusal = self.refusal(headers, project: project, location: location, publisher: publisher, model: model) { return refusal }
            return try await self.anthropic(call, sequence: sequence)
        }
        return try await RunningServer.serve(router, label: "vertex-upstream") { port in
            try await body(TestEndpoint(port: port))
        }
    }

    /// Google's 401 for a missing or unknown token, 404 for a project, location or publisher that does not exist.
    private func refusal(_ headers: [String: String], project: String, location: String, publisher: String, model: String) -> Response? {
        let authorization = headers["authorization"] ?? ""
        guard authorization.hasPrefix("Bearer "), acceptsToken(String(authorization.dropFirst(7))) else {
            return GeminiUpstreamResponses.error(
                401, "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication "
                    + "credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.")
        }
        guard project == self.project, locations.contains(location), ["anthropic", "google"].contains(publisher) else {
            return GeminiUpstreamResponses.error(
                404, "NOT_FOUND",
                "Publisher Model `projects/\(project)/locations/\(location)/publishers/\(publisher)/models/\(model)` was not found or your "
                    + "project does not have access to it.")
        }
        return nil
    }

    /// Claude's answer to a `rawPredict` / `streamRawPredict` / `count-tokens` call.
    private func anthropic(_ call: Call, sequence: Int) async throws -> Response {
        if call.model == "count-tokens" {
            guard call.method == "rawPredict", call.body["model"] != nil, call.body["messages"] != nil else {
                return AnthropicThinkingAnswers.error("count-tokens needs model and messages")
            }
            return AnthropicThinkingAnswers.json(["input_tokens": .int(call.body["messages"]?.serializedString().count ?? 0)])
        }
        guard call.method == "rawPredict" || call.method == "streamRawPredict" else {
            return GeminiUpstreamResponses.error(400, "INVALID_ARGUMENT", "Method \(call.method) is not served for Anthropic models.")
        }
        if call.body["model"] != nil { return AnthropicThinkingAnswers.error("model: Extra inputs are not permitted") }
        guard call.body["anthropic_version"] == "vertex-2023-10-16" else {
            return AnthropicThinkingAnswers.error("anthropic_version: Input should be 'vertex-2023-10-16'")
        }
        guard (call.body["stream"]?.boolValue ?? false) == (call.method == "streamRawPredict") else {
            return AnthropicThinkingAnswers.error("stream: must be true for streamRawPredict and absent or false for rawPredict")
        }
        if call.model.contains("thinking") { return thinking.answer(call.body, model: call.model) }
        var body = call.body
        body["model"] = .string(call.model.hasPrefix("claude-") ? String(call.model.dropFirst("claude-".count)) : call.model)
        let record = UpstreamCallRecord(path: "/v1/messages", headers: call.headers, body: body, sequence: sequence)
        return try await AnthropicUpstreamResponses.messages(record)
    }
}
