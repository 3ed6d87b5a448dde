import Foundation
public import GatewayCore
import Hummingbird
import NIOCore

/// A stand-in Azure OpenAI resource and Entra ID token endpoint on one loopback port, speaking their real wire formats.
///
/// Azure: `POST /openai/deployments/{deployment}/{chat/completions|completions|embeddings}?api-version=...`, and the
/// v1 surface `POST /openai/v1/{...}` (the deployment is the body's `model`; `api-version` absent or `preview`). A call
/// with another `api-version` than ``Settings/apiVersion`` gets Azure's 404 `Resource not found`; a call without
/// `api-key: <apiKey>` nor `Authorization: Bearer <adToken or a token the stand-in issued>` gets Azure's 401. The deployment name
/// chooses the answer:
///
/// | deployment | answer |
/// | --- | --- |
/// | `content-filter` | Azure's content-filter 400 (`code: content_filter`, `innererror.code: ResponsibleAIPolicyViolation`) |
/// | `filtered-answer` | 200 whose choice ends with `finish_reason: content_filter` (streamed: the last chunk) |
/// | `tool-call` | the assistant calls `get_weather` with `{"city":"Paris"}` (`finish_reason: tool_calls`) |
/// | anything else | `azure says: <last user text>` with `prompt_filter_results` and `content_filter_results`, streamed when asked (a first chunk with no choices and the prompt filter results, as Azure sends) |
///
/// The Responses API: `POST /openai/responses?api-version=...` (one of ``Settings/responsesAPIVersions``, else the
/// 404) and `POST /openai/v1/responses`, the deployment being the body's `model` (a body without one gets Azure's
/// 400), with the same credential checks, answer as ``TestUpstream``'s `/v1/responses` does (OpenAI's wire format,
/// whole or streamed, `previous_response_id`s checked against those it issued), the deployment name choosing the
/// behaviour as a model name does there.
///
/// Entra ID: `POST /{tenant}/oauth2/v2.0/token` checks the form (`grant_type=client_credentials`, client id, secret
/// and scope as in ``Settings``), counts the exchange, waits ``Settings/tokenDelay`` and answers a new token
/// `entra-token-<n>` with `expires_in` ``Settings/tokenLifetime``; wrong credentials get 401 `invalid_client`.
public enum AzureUpstream {
    /// What the stand-in accepts.
    public struct Settings: Sendable {
        public var apiKey = "azure-test-key-0001"
        public var apiVersion = "2024-10-21"
        /// The `api-version`s `POST /openai/responses` accepts (Azure's Responses API came with `2025-03-01-preview`).
        public var responsesAPIVersions: Set<String> = ["2025-03-01-preview", "2025-04-01-preview"]
        /// A bearer token accepted besides those the token endpoint issued (an operator's `azure_ad_token`).
        public var adToken = "static-ad-token-0001"
        public var tenantID = "contoso.onmicrosoft.com"
        public var clientID = "client-app-1"
        public var clientSecret = "client-secret-0001"
        public var scope = "https://cognitiveservices.azure.com/.default"
        /// The token endpoint's `expires_in`, in seconds.
        public var tokenLifetime = 3600
        /// How long the token endpoint takes to answer.
        public var tokenDelay: Duration = .zero

        public init() {}
    }

    /// Runs the stand-in for the duration of `body`.
    /// - Parameter body: receives its address (both the resource endpoint and the authority host) and its log.
    public static func withRunning<T: Sendable>(
        _ settings: Settings = Settings(), _ body: (TestEndpoint, AzureUpstreamLog) async throws -> T
    ) async throws -> T {
        let log = AzureUpstreamLog()
        let router = Router()
        for operation in ["chat/completions", "completions", "embeddings"] {
            router.post("/openai/deployments/{deployment}/\(operation)") { request, context in
                let deployment = context.parameters.get("deployment") ?? ""
                let call = try await log.record(request, deployment: deployment)
                if let rejection = await AzureUpstreamResponses.rejection(call, settings: settings, log: log) { return rejection }
                return AzureUpstreamResponses.answer(call, operation: operation)
            }
        }
        for operation in ["chat/completions", "completions", "embeddings"] {
            // The v1 surface: the deployment is the body's model, `api-version` absent or `preview`.
            router.post("/openai/v1/\(operation)") { request, _ in
                let call = try await log.record(request, deployment: nil)
                if let rejection = await AzureUpstreamResponses.rejection(call, settings: settings, log: log) { return rejection }
                return AzureUpstreamResponses.answer(call, operation: operation)
            }
        }
        for path in ["/openai/responses", "/openai/v1/responses"] {
            // The Responses API: the deployment is the body's model, on both surfaces.
            router.post(RouterPath(path)) { request, _ in
                let call = try await log.record(request, deployment: nil)
                if let rejection = await AzureUpstreamResponses.rejection(call, settings: settings, log: log) { return rejection }
                return try await AzureUpstreamResponses.responses(call)
            }
            // A response it created (and kept: not `store: false`), retrieved or deleted with the same credential checks.
            router.get(RouterPath(path + "/{id}")) { request, context in
                let call = try await log.record(request, deployment: nil)
                if let rejection = await AzureUpstreamResponses.rejection(call, settings: settings, log: log) { return rejection }
                let (body, status) = IssuedResponses.retrieve(context.parameters.get("id") ?? "")
                return AzureUpstreamResponses.json(body, status: status)
            }
            router.delete(RouterPath(path + "/{id}")) { request, context in
                let call = try await log.record(request, deployment: nil)
                if let rejection = await AzureUpstreamResponses.rejection(call, settings: settings, log: log) { return rejection }
                let (body, status) = IssuedResponses.delete(context.parameters.get("id") ?? "")
                return AzureUpstreamResponses.json(body, status: status)
            }
        }
        router.post("/{tenant}/oauth2/v2.0/token") { request, context in
            let form = try await request.body.collect(upTo: 64 * 1024)
            return await AzureUpstreamResponses.token(
                form: String(buffer: form), tenant: context.parameters.get("tenant") ?? "",
                contentType: request.headers[.contentType] ?? "", settings: settings, log: log)
        }
        return try await RunningServer.serve(router, label: "azure-upstream") { port in
            try await body(TestEndpoint(port: port), log)
        }
    }
}

/// One request the Azure stand-in received.
public struct AzureUpstreamCall: Sendable {
    public let deployment: String
    public let path: String
    /// The `api-version` query parameter.
    public let apiVersion: String?
    public let headers: [String: String]
    public let body: JSON

    public var isStreaming: Bool { body["stream"]?.boolValue ?? false }
}

/// What the Azure stand-in received and issued.
public actor AzureUpstreamLog {
    public private(set) var calls: [AzureUpstreamCall] = []
    /// Token exchanges answered with a token.
    public private(set) var exchanges = 0
    /// Token requests received, refused ones included.
    public private(set) var tokenRequests = 0
    /// The tokens issued, in order.
    public private(set) var issuedTokens: [String] = []

    /// - Parameter deployment: the path's deployment; nil on the v1 surface, where the body's `model` names it.
    func record(_ request: Request, deployment: String?) async throws -> AzureUpstreamCall {
        let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let body = (try? JSON(parsing: buffer)) ?? .null
        let call = AzureUpstreamCall(
            deployment: deployment ?? body["model"]?.stringValue ?? "", path: request.uri.path,
            apiVersion: request.uri.queryParameters.get("api-version"), headers: headers,
            body: body)
        calls.append(call)
        return call
    }

    func tokenRequested() { tokenRequests += 1 }

    func issueToken() -> String {
        exchanges += 1
        let token = "entra-token-\(exchanges)-" + UUID().uuidString.prefix(8)
        issuedTokens.append(token)
        return token
    }

    func isIssued(_ token: String) -> Bool { issuedTokens.contains(token) }
}
