import Foundation
import GatewayCore
import Hummingbird
import NIOCore

/// The answers of ``GeminiUpstream``, shaped as Gemini shapes its own.
enum GeminiUpstreamResponses {
    /// Top-level members a `generateContent` request may have (both spellings, as Gemini accepts both).
    static let requestMembers: Set<String> = [
        "contents", "systemInstruction", "system_instruction", "tools", "toolConfig", "tool_config", "safetySettings", "safety_settings",
        "generationConfig", "generation_config", "cachedContent", "cached_content", "labels",
    ]
    static let generationConfigMembers: Set<String> = [
        "temperature", "topP", "topK", "candidateCount", "maxOutputTokens", "stopSequences", "seed", "presencePenalty", "frequencyPenalty",
        "responseMimeType", "responseSchema", "responseJsonSchema", "thinkingConfig", "responseLogprobs", "logprobs", "responseModalities",
    ]
    /// The thought signature the stand-in attaches to function calls, and wants back.
    static let signature = "c2lnbmF0dXJlLW9mLXRoZS10aG91Z2h0"

    static func answer(_ call: GeminiUpstreamCall) -> Response {
        switch call.model {
        case "quota": return error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.")
        case "permission-denied":
            return error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity).")
        case "bad-request": return error(400, "INVALID_ARGUMENT", "Request contains an invalid argument.")
        case "too-long":
            return error(400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).")
        case "broken":
            return error(
                500, "INTERNAL",
                "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting")
        case "unavailable": return error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")
        default: break
        }
        if call.method == "embedContent" || call.method == "batchEmbedContents" { return embeddings(call) }
        guard call.method == "generateContent" || call.method == "streamGenerateContent" else { return error(404, "NOT_FOUND", "Method not found.") }
        if call.method == "streamGenerateContent", call.alt != "sse" {
            return error(400, "INVALID_ARGUMENT", "The stand-in streams with alt=sse only.")
        }
        if let problem = GeminiUpstreamChecks.problem(in: call.body, model: call.model) { return error(400, "INVALID_ARGUMENT", problem) }
        let pieces = candidatePieces(call)
        var usage: JSON = ["promptTokenCount": 11, "candidatesTokenCount": 5, "totalTokenCount": 16]
        let thinks = call.model.contains("thinking") || call.body["generationConfig"]?["thinkingConfig"]?["includeThoughts"] == true
        if thinks {
            usage["thoughtsTokenCount"] = 7
            usage["totalTokenCount"] = 23
        }
        if call.body["cachedContent"] != nil { usage["cachedContentTokenCount"] = 4 }
        let blocked = call.model == "safety-block"
        let finish: JSON = call.model == "safety-answer" ? "SAFETY" : "STOP"
        func response(_ parts: [JSON], finishReason: JSON?, withUsage: Bool) -> JSON {
            var body: JSON = ["modelVersion": .string(call.model), "responseId": "resp-gemini-1"]
            if blocked {
                body["promptFeedback"] = [
                    "blockReason": "SAFETY", "safetyRatings": [["category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH"]],
                ]
            } else {
                var candidate: JSON = ["content": ["role": "model", "parts": .array(parts)], "index": 0]
                if let finishReason { candidate["finishReason"] = finishReason }
                body["candidates"] = [candidate]
            }
            if withUsage { body["usageMetadata"] = usage }
            return body
        }
        var parts: [JSON] = []
        if thinks { parts.append(["text": "Let me think about it.", "thought": true]) }
        parts += pieces
        guard call.method == "streamGenerateContent" else { return json(response(parts, finishReason: finish, withUsage: true)) }
        // One event per part, the finish reason and usage on the last, as Gemini streams.
        var events = parts.enumerated().map { index, part in
            "data: " + response([part], finishReason: index == parts.count - 1 ? finish : nil, withUsage: index == parts.count - 1).serializedString()
                + "\r\n\r\n"
        }
        if blocked { events = ["data: " + response([], finishReason: nil, withUsage: true).serializedString() + "\r\n\r\n"] }
        if call.model == "stream-error" {
            let failure: JSON = [
                "error": ["code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"]
            ]
            events = [events[0], "data: " + failure.serializedString() + "\r\n\r\n"]
        }
        if call.model == "cut" {
            events = ["data: " + response([["text": "gemini says"]], finishReason: nil, withUsage: false).serializedString() + "\r\n\r\n"]
        }
        return OpenAIUpstreamResponses.stream(events, delay: nil)
    }

    /// The answer's parts: a function call when functions are declared and none has been answered, else text
    /// (split in two parts so a stream has several events).
    static func candidatePieces(_ call: GeminiUpstreamCall) -> [JSON] {
        let contents = call.body["contents"]?.arrayValue ?? []
        let lastParts = contents.last?["parts"]?.arrayValue ?? []
        if let response = lastParts.first(where: { $0["functionResponse"] != nil })?["functionResponse"] {
            let content = response["response"]?["content"]?.stringValue ?? response["response"]?.serializedString() ?? ""
            return [["text": "weather: "], ["text": .string(content)]]
        }
        let declared = (call.body["tools"]?.arrayValue ?? []).flatMap { $0["functionDeclarations"]?.arrayValue ?? [] }
        if let name = declared.first?["name"], call.body["toolConfig"]?["functionCallingConfig"]?["mode"] != "NONE" {
            return [["functionCall": ["name": name, "args": ["city": "Paris"]], "thoughtSignature": .string(signature)]]
        }
        let lastText = lastParts.compactMap { $0["text"]?.stringValue }.joined()
        return [["text": "gemini says: "], ["text": .string(lastText)]]
    }

    /// `embedContent` (`{"embedding": {"values"}}`) or `batchEmbedContents` (`{"embeddings": [...]}`), each vector
    /// `outputDimensionality` long (3 by default), its first value the input's length.
    static func embeddings(_ call: GeminiUpstreamCall) -> Response {
        func vector(_ request: JSON) -> JSON {
            let text = request["content"]?["parts"]?[0]?["text"]?.stringValue ?? ""
            let size = request["outputDimensionality"]?.intValue ?? 3
            return ["values": .array([.double(Double(text.count))] + Array(repeating: .double(0.5), count: max(size - 1, 0)))]
        }
        if call.method == "embedContent" { return json(["embedding": vector(call.body)]) }
        guard let requests = call.body["requests"]?.arrayValue, !requests.isEmpty else {
            return error(400, "INVALID_ARGUMENT", "* BatchEmbedContentsRequest.requests: contents is not specified")
        }
        for request in requests where request["model"]?.stringValue != "models/" + call.model {
            return error(400, "INVALID_ARGUMENT", "* BatchEmbedContentsRequest.requests[0].model: model must match the batch model")
        }
        return json(["embeddings": .array(requests.map(vector))])
    }

    /// AI Studio's answer to a wrong key: a 400, not a 401.
    static func invalidKey() -> Response {
        json(
            [
                "error": [
                    "code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                    "details": [
                        [
                            "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com",
                            "metadata": ["service": "generativelanguage.googleapis.com"],
                        ]
                    ],
                ]
            ], status: .badRequest)
    }

    /// Google's error body: `{"error": {"code", "message", "status"}}` with the HTTP status of `code`.
    static func error(_ code: Int, _ status: String, _ message: String) -> Response {
        json(["error": ["code": .int(code), "message": .string(message), "status": .string(status)]], status: .init(code: code))
    }

    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=UTF-8"], body: .init(byteBuffer: value.serialized()))
    }
}
