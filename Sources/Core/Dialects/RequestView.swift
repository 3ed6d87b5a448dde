/// What a hook reads of a request, whatever dialect it came in: the texts it sends (each with where it lives, so a
/// masking hook can rewrite it in place), its tools, and the settings hooks decide on. Read from
/// ``GatewayRequest/body`` (``GatewayRequest/view``); a plugin written against this view does not change when a
/// dialect or an endpoint is added.
///
/// ```swift
/// for text in request.view.texts where text.text.contains("secret") {
///     request.replaceText(at: text.path, with: "[REDACTED]")
/// }
/// ```
public struct RequestView: Sendable {
    /// One text the client sends the model.
    public struct Text: Sendable, Equatable {
        public var text: String
        /// Where it lives in ``GatewayRequest/body`` (`messages[0].content`, `prompt`, `input[2]`).
        public var path: JSONPath
        /// The top-level field it belongs to (`messages`, `prompt`, `input`): what an error's `param` names.
        public var field: String { if case .key(let key)? = path.steps.first { key } else { "" } }
    }

    /// Every text sent, in order: message contents (strings and text parts), tool call arguments, `prompt`, `input`,
    /// a rerank's `query`.
    public var texts: [Text]
    /// The tool definitions sent, as `{type: "function", function: {name, description, parameters}}` (legacy
    /// `functions` included in that shape).
    public var tools: [JSON]
    /// Tools the request offers that ``tools`` cannot hold as function tools, as the client sent them: the Responses
    /// API's built-in tools, which run on the provider's side (`web_search`, `code_interpreter`, `mcp`, ...), and its
    /// `custom` tools. Only a deployment speaking the request's dialect natively gets them (``NativeRequest``). A hook
    /// that governs tools names one by its `name`, else its `server_label` (`mcp`), else its `type`
    /// (``hostedToolName(_:)``).
    public var hostedTools: [JSON] = []
    /// The forced tool choice (`tool_choice`, or the legacy `function_call`), when one is set.
    public var toolChoice: JSON?
    /// The output tokens asked for at most, per choice (`max_completion_tokens`, else `max_tokens`).
    public var maxOutputTokens: Int?
    public var stream: Bool
    /// The end user (`user`): LiteLLM's customer.
    public var endUser: String?
    public var metadata: JSON?
    /// `metadata.tags` (strings only).
    public var tags: [String]
    public var model: String?

    public init(_ body: JSON) {
        var texts: [Text] = []
        let root = JSONPath()
        for (index, message) in (body["messages"]?.arrayValue ?? []).enumerated() {
            let at = root.appending(.key("messages")).appending(.index(index))
            texts += Self.texts(in: message["content"], at: at.appending(.key("content")))
            for (call, toolCall) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
                if let arguments = toolCall["function"]?["arguments"]?.stringValue {
                    let path = at.appending(.key("tool_calls")).appending(.index(call)).appending(.key("function")).appending(.key("arguments"))
                    texts.append(Text(text: arguments, path: path))
                }
            }
        }
        // `query`: a rerank's, the text it sends a model (its documents are data, as LiteLLM's guardrails treat them).
        for field in ["prompt", "input", "query"] { texts += Self.texts(in: body[field], at: root.appending(.key(field))) }
        self.texts = texts
        let functions = (body["functions"]?.arrayValue ?? []).map { JSON.object(["type": "function", "function": $0]) }
        tools = (body["tools"]?.arrayValue ?? []) + functions
        toolChoice = [body["tool_choice"], body["function_call"]].compactMap { $0 }.first { !$0.isNull }
        maxOutputTokens = (body["max_completion_tokens"] ?? body["max_tokens"])?.intValue
        stream = body["stream"]?.boolValue ?? false
        endUser = body["user"]?.stringValue
        metadata = body["metadata"]
        tags = body["metadata"]?["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        model = body["model"]?.stringValue
    }

    /// What a hook calls a hosted tool (``hostedTools``): its `name`, else its `server_label`, else its `type`.
    public static func hostedToolName(_ tool: JSON) -> String? {
        tool["name"]?.stringValue ?? tool["server_label"]?.stringValue ?? tool["type"]?.stringValue
    }

    /// A string, or the strings and `text` parts of an array.
    private static func texts(in value: JSON?, at path: JSONPath) -> [Text] {
        switch value {
        case .string(let text)?:
            return [Text(text: text, path: path)]
        case .array(let items)?:
            return items.enumerated().compactMap { index, item in
                if let text = item.stringValue { return Text(text: text, path: path.appending(.index(index))) }
                guard let text = item["text"]?.stringValue else { return nil }
                return Text(text: text, path: path.appending(.index(index)).appending(.key("text")))
            }
        default:
            return []
        }
    }
}

extension GatewayRequest {
    /// The request as hooks read it (``RequestView``).
    public var view: RequestView {
        var view = RequestView(body)
        view.hostedTools = native?.hostedTools ?? []
        return view
    }

    /// Rewrites one of ``RequestView/texts`` where it lives. A request in another dialect gets the change too: it is
    /// carried over to its native body before the upstream call (``NativeRequest/upstreamBody(view:)``).
    public mutating func replaceText(at path: JSONPath, with text: String) {
        body = body.replacing(at: path, with: .string(text))
    }
}
