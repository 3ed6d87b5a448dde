import Foundation
public import GatewayCore

/// Translates a Cohere v2 chat response into an OpenAI `chat.completion`, and holds the finish-reason and usage
/// mappings the stream decoder shares.
///
/// `message.content` text blocks are joined into `content`, `thinking` blocks into `reasoning_content`; with tool
/// calls, `tool_plan` (what the model said before calling) is the `content`; `tool_calls` are already OpenAI's shape.
/// Usage is `usage.billed_units` (what Cohere bills), else `usage.tokens`, with `cached_tokens` as cached input.
public enum CohereChatResponse {
    /// - Parameters:
    ///   - response: the v2 chat response body.
    ///   - model: the model name to report.
    ///   - deploymentName: names the deployment in errors.
    /// - Returns: the OpenAI-shaped body.
    /// - Throws: 502 for a body that is not a v2 chat response or that finished with `ERROR`; 504 for `TIMEOUT`.
    public static func openAIResponse(fromCohere response: JSON, model: String, deploymentName: String) throws -> JSON {
        guard let message = response["message"], case .object = message else {
            throw GatewayError.badGateway(
                "Upstream '\(deploymentName)' returned a body that is not a Cohere chat response.", code: "upstream_invalid_response")
        }
        let reason = try finishReason(response["finish_reason"]?.stringValue, error: nil, deploymentName: deploymentName)
        var texts: [String] = []
        var thinking: [String] = []
        for block in message["content"]?.arrayValue ?? [] {
            switch block["type"]?.stringValue {
            case "thinking": if let text = block["thinking"]?.stringValue { thinking.append(text) }
            default: if let text = block["text"]?.stringValue { texts.append(text) }
            }
        }
        let calls = message["tool_calls"]?.arrayValue ?? []
        if texts.isEmpty, !calls.isEmpty, let plan = message["tool_plan"]?.stringValue, !plan.isEmpty { texts.append(plan) }
        var reply: JSON = ["role": "assistant", "content": texts.isEmpty ? .null : .string(texts.joined())]
        if !calls.isEmpty {
            reply["tool_calls"] = .array(
                calls.map { call in
                    [
                        "id": call["id"] ?? .string("call_\(UUID().uuidString.prefix(8))"), "type": "function",
                        "function": ["name": call["function"]?["name"] ?? "", "arguments": call["function"]?["arguments"] ?? "{}"],
                    ]
                })
        }
        if !thinking.isEmpty { reply["reasoning_content"] = .string(thinking.joined()) }
        return [
            "id": response["id"] ?? .string("chatcmpl-\(UUID().uuidString)"), "object": "chat.completion",
            "created": .int(Int(Date().timeIntervalSince1970)), "model": .string(model),
            "choices": [["index": 0, "message": reply, "logprobs": nil, "finish_reason": .string(reason)]],
            "usage": usage(response["usage"]).openAIJSON,
        ]
    }

    /// OpenAI's `finish_reason` for v2's: `COMPLETE` and `STOP_SEQUENCE` → `stop`, `MAX_TOKENS` → `length`,
    /// `TOOL_CALL` → `tool_calls`; a missing or unknown one → `stop`.
    /// - Throws: `ERROR` is 502 (with Cohere's `error` text when it sent one), `TIMEOUT` 504: the answer is not whole.
    public static func finishReason(_ reason: String?, error: String?, deploymentName: String) throws -> String {
        switch reason {
        case "MAX_TOKENS": return "length"
        case "TOOL_CALL": return "tool_calls"
        case "ERROR":
            throw GatewayError.badGateway("Upstream '\(deploymentName)' failed to generate: \(error.map { String($0.prefix(300)) } ?? "ERROR").")
        case "TIMEOUT": throw GatewayError.gatewayTimeout("Upstream '\(deploymentName)' timed out while generating.")
        default: return "stop"
        }
    }

    /// The counts of a v2 `usage` object: `billed_units` first, `tokens` when it has none (counts clamped as
    /// ``Usage/count(_:)`` clamps them).
    public static func usage(_ usage: JSON?) -> Usage {
        let billed = usage?["billed_units"]
        let tokens = usage?["tokens"]
        func count(_ name: String) -> Int {
            let value = Usage.count(billed?[name])
            return value > 0 ? value : Usage.count(tokens?[name])
        }
        return Usage(
            promptTokens: count("input_tokens"), completionTokens: count("output_tokens"), cachedReadTokens: Usage.count(usage?["cached_tokens"]))
    }
}
