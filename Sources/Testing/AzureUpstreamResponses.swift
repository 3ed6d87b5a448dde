import Foundation
import GatewayCore
import Hummingbird
import NIOCore

/// The answers of ``AzureUpstream``, shaped as Azure OpenAI and Entra ID shape theirs.
enum AzureUpstreamResponses {
    static let promptFilterResults: JSON = [
        [
            "prompt_index": 0,
            "content_filter_results": [
                "hate": ["filtered": false, "severity": "safe"], "self_harm": ["filtered": false, "severity": "safe"],
                "sexual": ["filtered": false, "severity": "safe"], "violence": ["filtered": false, "severity": "safe"],
            ],
        ]
    ]
    static let contentFilterResults: JSON = [
        "hate": ["filtered": false, "severity": "safe"], "self_harm": ["filtered": false, "severity": "safe"],
        "sexual": ["filtered": false, "severity": "safe"], "violence": ["filtered": false, "severity": "safe"],
    ]

    /// Azure's 404 for an unknown `api-version`, its 401 for a missing or wrong credential, its content-filter 400.
    static func rejection(_ call: AzureUpstreamCall, settings: AzureUpstream.Settings, log: AzureUpstreamLog) async -> Response? {
        let isV1 = call.path.hasPrefix("/openai/v1/")
        let versions = call.path.hasPrefix("/openai/responses") ? settings.responsesAPIVersions : [settings.apiVersion]
        guard isV1 ? (call.apiVersion == nil || call.apiVersion == "preview") : call.apiVersion.map(versions.contains) == true else {
            return json(["error": ["code": "404", "message": "Resource not found"]], status: .notFound)
        }
        let bearer = call.headers["authorization"].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        let keyMatches = call.headers["api-key"] == settings.apiKey
        var tokenMatches = bearer == settings.adToken
        if !tokenMatches, let bearer { tokenMatches = await log.isIssued(bearer) }
        guard keyMatches || tokenMatches else {
            let message =
                "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active "
                + "subscription and use a correct regional API endpoint for your resource."
            return json(["error": ["code": "401", "message": .string(message)]], status: .unauthorized)
        }
        guard call.deployment != "content-filter" else {
            let message =
                "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your "
                + "prompt and retry."
            return json(
                [
                    "error": [
                        "message": .string(message), "type": nil, "param": "prompt", "code": "content_filter", "status": 400,
                        "innererror": [
                            "code": "ResponsibleAIPolicyViolation",
                            "content_filter_result": [
                                "hate": ["filtered": true, "severity": "high"], "violence": ["filtered": false, "severity": "safe"],
                            ],
                        ],
                    ]
                ], status: .badRequest)
        }
        return nil
    }

    /// A chat, completion or embeddings answer, streamed when asked.
    static func answer(_ call: AzureUpstreamCall, operation: String) -> Response {
        let usage: JSON = ["prompt_tokens": 9, "completion_tokens": 4, "total_tokens": 13]
        if operation == "embeddings" {
            return json([
                "object": "list", "model": "text-embedding-3-small", "data": [["object": "embedding", "index": 0, "embedding": [0.25, -0.5]]],
                "usage": ["prompt_tokens": 3, "total_tokens": 3],
            ])
        }
        let callsTool = call.deployment == "tool-call"
        let finish: JSON = call.deployment == "filtered-answer" ? "content_filter" : callsTool ? "tool_calls" : "stop"
        let toolCall: JSON = [
            "index": 0, "id": "call_az1", "type": "function", "function": ["name": "get_weather", "arguments": "{\"city\":\"Paris\"}"],
        ]
        let text = "azure says: " + lastUserText(call.body)
        let id = JSON.string("chatcmpl-" + UUID().uuidString.lowercased())
        if operation == "completions" {
            return json([
                "id": id, "object": "text_completion", "created": 1_700_000_000, "model": "gpt-35-turbo-instruct",
                "choices": [["index": 0, "text": .string(text), "finish_reason": finish, "logprobs": nil]], "usage": usage,
            ])
        }
        guard call.isStreaming else {
            return json([
                "id": id, "object": "chat.completion", "created": 1_700_000_000, "model": "gpt-4o-2024-08-06",
                "prompt_filter_results": promptFilterResults,
                "choices": [
                    [
                        "index": 0,
                        "message": callsTool
                            ? ["role": "assistant", "content": nil, "tool_calls": [toolCall]] : ["role": "assistant", "content": .string(text)],
                        "finish_reason": finish,
                        "content_filter_results": contentFilterResults,
                    ]
                ],
                "usage": usage,
            ])
        }
        func chunk(_ choices: JSON, extra: [String: JSON] = [:]) -> String {
            var chunk: JSON = [
                "id": id, "object": "chat.completion.chunk", "created": 1_700_000_000, "model": "gpt-4o-2024-08-06", "choices": choices,
            ]
            for (key, value) in extra { chunk[key] = value }
            return "data: \(chunk.serializedString())\n\n"
        }
        // Azure's first chunk carries no choice, only the prompt's filter results (and an empty id and model).
        var events = [
            "data: "
                + JSON.object(["id": "", "object": "", "created": 0, "model": "", "choices": [], "prompt_filter_results": promptFilterResults])
                .serializedString() + "\n\n"
        ]
        events.append(chunk([["index": 0, "delta": ["role": "assistant", "content": ""], "finish_reason": nil]]))
        if callsTool { events.append(chunk([["index": 0, "delta": ["tool_calls": [toolCall]], "finish_reason": nil]])) }
        for word in text.split(separator: " ") where !callsTool {
            events.append(
                chunk([
                    [
                        "index": 0, "delta": ["content": .string(String(word) + " ")], "finish_reason": nil,
                        "content_filter_results": contentFilterResults,
                    ]
                ]))
        }
        events.append(chunk([["index": 0, "delta": [:], "finish_reason": finish]]))
        if call.body["stream_options"]?["include_usage"]?.boolValue == true { events.append(chunk([], extra: ["usage": usage])) }
        events.append("data: [DONE]\n\n")
        return OpenAIUpstreamResponses.stream(events, delay: nil)
    }

    /// A Responses API answer in OpenAI's wire format: the same answers as ``TestUpstream``'s `/v1/responses`
    /// (``OpenAIUpstreamResponses/responses(_:)``), for the deployment the body's `model` names.
    static func responses(_ call: AzureUpstreamCall) async throws -> Response {
        guard !call.deployment.isEmpty else {
            return json(
                ["error": ["code": "BadRequest", "message": "The 'model' parameter is required: the deployment name."]], status: .badRequest)
        }
        let record = UpstreamCallRecord(path: call.path, headers: call.headers, body: call.body, sequence: 1)
        return try await OpenAIUpstreamResponses.responses(record)
    }

    /// Entra ID's client-credentials grant.
    static func token(form: String, tenant: String, contentType: String, settings: AzureUpstream.Settings, log: AzureUpstreamLog) async -> Response {
        await log.tokenRequested()
        var fields: [String: String] = [:]
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        let expected = [
            "grant_type": "client_credentials", "client_id": settings.clientID, "client_secret": settings.clientSecret, "scope": settings.scope,
        ]
        guard contentType.hasPrefix("application/x-www-form-urlencoded"), tenant == settings.tenantID, fields == expected else {
            return json(
                ["error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided. Trace ID: 0000"],
                status: .unauthorized)
        }
        if settings.tokenDelay > .zero { try? await Task.sleep(for: settings.tokenDelay) }
        let token = await log.issueToken()
        return json([
            "token_type": "Bearer", "expires_in": .int(settings.tokenLifetime), "ext_expires_in": .int(settings.tokenLifetime),
            "access_token": .string(token),
        ])
    }

    static func lastUserText(_ body: JSON) -> String {
        if let prompt = body["prompt"]?.stringValue { return prompt }
        guard case .array(let messages)? = body["messages"] else { return "" }
        return messages.last { $0["role"]?.stringValue == "user" }?["content"]?.stringValue ?? ""
    }

    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: value.serialized()))
    }
}
