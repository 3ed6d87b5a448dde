public import GatewayCore

/// Turns Cohere v2 chat stream events (server-sent events whose `data` carries a `type`) into OpenAI
/// `chat.completion.chunk` objects.
///
/// | v2 event | chunk |
/// | --- | --- |
/// | `message-start` | the role |
/// | `content-delta` | `content` (`reasoning_content` for a `thinking` delta) |
/// | `tool-plan-delta` | `content` (what the model says before calling tools) |
/// | `tool-call-start` | a tool call's `index`, `id`, `name` and first `arguments` |
/// | `tool-call-delta` | the call's next `arguments` |
/// | `message-end` | the `finish_reason` chunk, then a usage chunk with empty `choices` (as OpenAI sends with `stream_options.include_usage`) |
///
/// `content-start`, `content-end`, `tool-call-end`, citations and `debug` carry nothing a chunk has. A `message-end`
/// with `ERROR` (or `TIMEOUT`) ends the stream with the error (``CohereChatResponse/finishReason(_:error:deploymentName:)``).
/// A value type: the state is the tool calls seen so far.
public struct CohereStreamDecoder: Sendable {
    let deploymentName: String
    /// Its id is replaced by Cohere's once `message-start` names it.
    private var writer: ChatChunkWriter
    /// OpenAI tool-call index by v2 tool-call index.
    private var toolIndexes: [Int: Int] = [:]

    /// Whether `message-end` (the last event) arrived.
    public private(set) var finished = false

    /// - Parameters:
    ///   - model: the model name to report.
    ///   - id: the chunk id until `message-start` names Cohere's.
    ///   - deploymentName: names the deployment in errors.
    public init(model: String, id: String, deploymentName: String) {
        self.writer = ChatChunkWriter(id: id, model: model)
        self.deploymentName = deploymentName
    }

    /// The chunks for one event's `data`.
    /// - Throws: 502 for data that is not JSON; the `message-end` error.
    public mutating func decode(_ data: String) throws -> [JSON] {
        guard let event = try? JSONParser.parse(data), case .object = event else {
            throw GatewayError.badGateway("Upstream '\(deploymentName)' sent a stream event that is not JSON.", code: "upstream_invalid_response")
        }
        let delta = event["delta"]?["message"]
        switch event["type"]?.stringValue {
        case "message-start":
            if let upstreamID = event["id"]?.stringValue, !upstreamID.isEmpty { writer.id = upstreamID }
            return [chunk(["role": "assistant", "content": ""])]
        case "content-delta":
            let content = delta?["content"]
            if let thinking = content?["thinking"]?.stringValue { return [chunk(["reasoning_content": .string(thinking)])] }
            guard let text = content?["text"]?.stringValue else { return [] }
            return [chunk(["content": .string(text)])]
        case "tool-plan-delta":
            guard let plan = delta?["tool_plan"]?.stringValue else { return [] }
            return [chunk(["content": .string(plan)])]
        case "tool-call-start":
            let call = delta?["tool_calls"]
            let index = toolIndexes.count
            toolIndexes[event["index"]?.intValue ?? index] = index
            let function: JSON = ["name": call?["function"]?["name"] ?? "", "arguments": call?["function"]?["arguments"] ?? ""]
            return [chunk(["tool_calls": [["index": .int(index), "id": call?["id"] ?? "", "type": "function", "function": function]]])]
        case "tool-call-delta":
            guard let arguments = delta?["tool_calls"]?["function"]?["arguments"]?.stringValue,
                let index = toolIndexes[event["index"]?.intValue ?? -1] ?? toolIndexes.values.max()
            else { return [] }
            return [chunk(["tool_calls": [["index": .int(index), "function": ["arguments": .string(arguments)]]]])]
        case "message-end":
            finished = true
            let end = event["delta"]
            let reason = try CohereChatResponse.finishReason(
                end?["finish_reason"]?.stringValue, error: end?["error"]?.stringValue, deploymentName: deploymentName)
            return [chunk([:], finishReason: .string(reason)), writer.usageChunk(CohereChatResponse.usage(end?["usage"]))]
        default:
            return []
        }
    }

    private func chunk(_ delta: JSON, finishReason: JSON = .null) -> JSON {
        writer.chunk(delta, finishReason: finishReason)
    }
}
