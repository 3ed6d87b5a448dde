public import GatewayCore

extension ResponsesRequestTranslator {
    /// A request that a deployment speaking the Responses API may get as sent: the view the hooks read, and what of
    /// the body that view cannot carry.
    public struct NativeTranslation: Sendable {
        public var translation: Translation
        /// The paths (`tools[1]`, `background`, `input[2]`) of what the view leaves out, in the body as sent: a
        /// deployment that does not speak the Responses API refuses the call naming the first
        /// (``NativeRequest/untranslated``), unless `drop_params`.
        public var untranslated: [String]
        /// The built-in tools (`web_search`, `code_interpreter`, `mcp`, ...) the view leaves out, for the hooks
        /// (``NativeRequest/hostedTools``).
        public var hostedTools: [JSON]
        /// The body the view was translated from: the client's, less the parts in ``untranslated``.
        var reduced: JSON
        /// ``untranslated`` as paths in the client's body, in removal order.
        var removed: [JSONPath]

        /// ``ResponsesRequestTranslator/field(ofViewParam:in:history:)`` for this request: the field of the body as the
        /// client sent it (positions counted with the parts the view leaves out).
        public func field(ofViewParam param: String, history: [JSON] = []) -> String {
            let field = ResponsesRequestTranslator.field(ofViewParam: param, in: reduced, history: history)
            guard !removed.isEmpty, let path = JSONPath(parsing: field) else { return field }
            return ResponsesRequestTranslator.originalPath(of: path, removed: removed).description
        }
    }

    /// The most parts of one body left out of the view; past it, the request is refused as ``translate(_:history:)``
    /// refuses it (each part costs a translation, so an adversarial body cannot make this quadratic without bound).
    static let maxUntranslatedParts = 64

    /// ``translate(_:history:)`` for a request that may go to a deployment speaking the Responses API natively: a
    /// part the chat view cannot express (a field chat lacks, a built-in tool, an input item without a chat
    /// counterpart) is left out of the view and named, rather than refused, because that deployment gets the body as
    /// sent. A malformed body is still refused.
    /// - Throws: 400 for a malformed body, or for more than ``maxUntranslatedParts`` untranslatable parts.
    public static func translateKeepingNative(_ body: JSON, history: [JSON] = []) throws -> NativeTranslation {
        var reduced = body
        var removed: [JSONPath] = []
        var hostedTools: [JSON] = []
        while true {
            do {
                let translation = try translate(reduced, history: history)
                return NativeTranslation(
                    translation: translation, untranslated: removed.map(\.description), hostedTools: hostedTools, reduced: reduced, removed: removed)
            } catch let error as GatewayError {
                guard removed.count < maxUntranslatedParts, error.code == "unsupported_parameter",
                    let param = error.param, let path = JSONPath(parsing: param).map(untranslatedPart)
                else { throw error }
                if path.steps.count == 2, path.steps.first == .key("tools"), let tool = reduced[path: path], tool["type"] != "function" {
                    hostedTools.append(tool)
                }
                removed.append(originalPath(of: path, removed: removed))
                reduced = reduced.removing(at: path)
            }
        }
    }

    /// The part a refusal's `param` is about: an item, part or tool rather than the member that made it untranslatable
    /// (`tools[0].type` → `tools[0]`, `input[1].content[0].image_url` → `input[1].content[0]`); the whole
    /// `tool_choice` or `include`.
    static func untranslatedPart(_ param: JSONPath) -> JSONPath {
        if let first = param.steps.first, first == .key("tool_choice") || first == .key("include") { return JSONPath([first]) }
        var steps = param.steps
        while steps.count > 1, case .key(let key)? = steps.last, ["type", "image_url", "file_data"].contains(key) { steps.removeLast() }
        return JSONPath(steps)
    }

    /// `path`, found in the body after the parts in `removed` (paths in the original body, in removal order) were
    /// taken out, as a path in the original body: each position counts the elements removed before it.
    static func originalPath(of path: JSONPath, removed: [JSONPath]) -> JSONPath {
        var original = JSONPath()
        for step in path.steps {
            guard case .index(var index) = step else {
                original = original.appending(step)
                continue
            }
            let parent = original.steps
            let gone = removed.compactMap { path -> Int? in
                guard path.steps.count == parent.count + 1, Array(path.steps.dropLast()) == parent, case .index(let at)? = path.steps.last else {
                    return nil
                }
                return at
            }
            for at in gone.sorted() where at <= index { index += 1 }
            original = original.appending(.index(index))
        }
        return original
    }
}
