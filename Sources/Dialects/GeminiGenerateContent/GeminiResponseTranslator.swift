import Foundation
public import GatewayCore

/// Converts a Gemini `GenerateContentResponse` into an OpenAI `chat.completion`, and holds the finish-reason and
/// usage mappings the stream decoder shares (and a native Gemini answer's view is read with).
///
/// Each candidate is a choice: its `text` parts joined into `content`, `thought` parts into `reasoning_content`,
/// `functionCall` parts into `tool_calls` (ids from ``GeminiToolCallID``). A prompt Gemini blocked
/// (`promptFeedback.blockReason`, no candidates) is one choice with no content and `finish_reason: content_filter`,
/// as LiteLLM answers it.
public enum GeminiResponseTranslator {
    /// - Parameters:
    ///   - response: Gemini's answer.
    ///   - model: the model name to report.
    ///   - id: the id to report when Gemini sent no `responseId`.
    public static func openAIResponse(fromGemini response: JSON, model: String, id: String) -> JSON {
        var choices: [JSON] = []
        for (offset, candidate) in (response["candidates"]?.arrayValue ?? []).enumerated() {
            let content = CandidateContent(candidate)
            var message: JSON = ["role": "assistant", "content": content.texts.isEmpty ? .null : .string(content.texts.joined())]
            // A whole answer's tool calls carry no `index` (a stream's deltas do).
            let calls = content.toolCalls.map { JSON.object(($0.objectValue ?? [:]).filter { $0.key != "index" }) }
            if !calls.isEmpty { message["tool_calls"] = .array(calls) }
            if !content.thoughts.isEmpty { message["reasoning_content"] = .string(content.thoughts.joined()) }
            choices.append([
                "index": .int(candidate["index"]?.intValue ?? offset), "message": message, "logprobs": nil,
                "finish_reason": finishReason(candidate["finishReason"]?.stringValue, callsTools: !content.toolCalls.isEmpty) ?? "stop",
            ])
        }
        if choices.isEmpty {
            // No candidate: a blocked prompt (promptFeedback.blockReason) or an answer Gemini withheld.
            let blocked = response["promptFeedback"]?["blockReason"] != nil
            choices.append([
                "index": 0, "message": ["role": "assistant", "content": nil], "logprobs": nil,
                "finish_reason": blocked ? "content_filter" : "stop",
            ])
        }
        return [
            "id": .string(response["responseId"]?.stringValue ?? id), "object": "chat.completion", "created": .int(Int(Date().timeIntervalSince1970)),
            "model": .string(model), "choices": .array(choices), "usage": (Usage(gemini: response["usageMetadata"]) ?? Usage()).openAIJSON,
        ]
    }

    /// OpenAI's `finish_reason` for a Gemini `finishReason`; nil while there is none.
    ///
    /// `STOP` is `stop` (`tool_calls` when the candidate calls functions), `MAX_TOKENS` is `length`; `SAFETY`,
    /// `RECITATION`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII` and the image and language filters are
    /// `content_filter`; anything else (`OTHER`, `MALFORMED_FUNCTION_CALL`, reasons added later) is `stop`.
    public static func finishReason(_ reason: String?, callsTools: Bool) -> JSON? {
        switch reason {
        case nil, "FINISH_REASON_UNSPECIFIED"?: return nil
        case "MAX_TOKENS"?: return "length"
        case "SAFETY"?, "RECITATION"?, "BLOCKLIST"?, "PROHIBITED_CONTENT"?, "SPII"?, "IMAGE_SAFETY"?, "IMAGE_PROHIBITED_CONTENT"?, "LANGUAGE"?:
            return "content_filter"
        default: return callsTools ? "tool_calls" : "stop"
        }
    }

    /// The texts, thoughts and tool calls of one candidate's parts.
    struct CandidateContent {
        var texts: [String] = []
        var thoughts: [String] = []
        var toolCalls: [JSON] = []

        /// - Parameter firstToolIndex: the OpenAI index of the candidate's first tool call (a stream's calls so far).
        init(_ candidate: JSON, firstToolIndex: Int = 0) {
            for part in candidate["content"]?["parts"]?.arrayValue ?? [] {
                if let text = part["text"]?.stringValue {
                    if part["thought"]?.boolValue == true { thoughts.append(text) } else { texts.append(text) }
                } else if let call = part["functionCall"] {
                    let id = GeminiToolCallID.make(geminiID: call["id"]?.stringValue, signature: part["thoughtSignature"]?.stringValue)
                    toolCalls.append([
                        "index": .int(firstToolIndex + toolCalls.count), "id": .string(id), "type": "function",
                        "function": ["name": call["name"] ?? "", "arguments": .string((call["args"] ?? [:]).serializedString())],
                    ])
                }
            }
        }
    }
}
