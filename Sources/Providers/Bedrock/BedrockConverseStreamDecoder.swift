public import GatewayCore
import NIOCore

/// Turns ConverseStream events (decoded from the event stream, ``EventStreamDecoder``) into OpenAI
/// `chat.completion.chunk` objects.
///
/// `messageStart` → a role chunk; `contentBlockStart` with `toolUse` → a tool call's id and name; `contentBlockDelta`
/// → `content`, a tool call's `arguments`, or `reasoning_content`; `messageStop` → the `finish_reason` chunk;
/// `metadata` → a usage chunk with empty `choices` (as OpenAI sends with `stream_options.include_usage`). An
/// `exception` message becomes the error the same exception gets on a whole call (``BedrockErrors``).
/// A value type: the state is the tool calls seen so far.
public struct BedrockConverseStreamDecoder: Sendable {
    let writer: ChatChunkWriter
    let deploymentName: String
    /// OpenAI tool-call index by Converse content block index.
    private var toolIndexes: [Int: Int] = [:]

    /// Whether `metadata` (the last event) arrived.
    public private(set) var finished = false

    /// - Parameters:
    ///   - model: the model name to report.
    ///   - id: the chunk id to report.
    ///   - deploymentName: names the deployment in errors.
    public init(model: String, id: String, deploymentName: String) {
        self.writer = ChatChunkWriter(id: id, model: model)
        self.deploymentName = deploymentName
    }

    /// The chunks for one message of the stream.
    /// - Throws: the mapped ``GatewayError`` for an `exception` or `error` message, 502 for a payload that is not JSON.
    public mutating func decode(_ message: EventStreamMessage) throws -> [JSON] {
        guard message.messageType ?? "event" == "event" else {
            let text = String(buffer: message.payload)
            let type = message.exceptionType ?? message.header(":error-code")?.stringValue ?? "error"
            throw BedrockErrors.streamError(type: type, body: text, deploymentName: deploymentName)
        }
        let payload: JSON
        do {
            payload = try JSON(parsing: message.payload)
        } catch {
            throw GatewayError.badGateway("Upstream '\(deploymentName)' sent a stream event that is not JSON.", code: "upstream_invalid_response")
        }
        switch message.eventType {
        case "messageStart":
            return [chunk(delta: ["role": "assistant", "content": ""])]
        case "contentBlockStart":
            guard let toolUse = payload["start"]?["toolUse"], let block = payload["contentBlockIndex"]?.intValue else { return [] }
            let index = toolIndexes.count
            toolIndexes[block] = index
            return [
                chunk(delta: [
                    "tool_calls": [
                        [
                            "index": .int(index), "id": toolUse["toolUseId"] ?? "", "type": "function",
                            "function": ["name": toolUse["name"] ?? "", "arguments": ""],
                        ]
                    ]
                ])
            ]
        case "contentBlockDelta":
            let delta = payload["delta"]
            if let text = delta?["text"]?.stringValue { return [chunk(delta: ["content": .string(text)])] }
            if let input = delta?["toolUse"]?["input"]?.stringValue, let block = payload["contentBlockIndex"]?.intValue,
                let index = toolIndexes[block]
            {
                return [chunk(delta: ["tool_calls": [["index": .int(index), "function": ["arguments": .string(input)]]]])]
            }
            if let text = delta?["reasoningContent"]?["text"]?.stringValue { return [chunk(delta: ["reasoning_content": .string(text)])] }
            return []
        case "messageStop":
            return [chunk(delta: [:], finishReason: .string(BedrockConverseResponse.finishReason(payload["stopReason"]?.stringValue)))]
        case "metadata":
            finished = true
            return [writer.usageChunk(BedrockConverseResponse.usage(payload["usage"]))]
        default:
            return []
        }
    }

    private func chunk(delta: JSON, finishReason: JSON = .null) -> JSON {
        writer.chunk(delta, finishReason: finishReason)
    }
}
