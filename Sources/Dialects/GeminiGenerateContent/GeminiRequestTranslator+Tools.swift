import GatewayCore

/// `tools` and `tool_choice` as Gemini's `tools[].functionDeclarations` and `toolConfig.functionCallingConfig`.
///
/// | OpenAI | Gemini |
/// | --- | --- |
/// | `{"type": "function", "function": {name, description, parameters}}` | a `functionDeclarations` entry, `parameters` cleaned (``GeminiSchema``) |
/// | a Gemini tool in the list (`googleSearch`, `codeExecution`, `urlContext`, as LiteLLM takes them) | passed through |
/// | `tool_choice: "auto"` / `"none"` / `"required"` | `mode: AUTO` / `NONE` / `ANY` |
/// | `tool_choice: {"type": "function", "function": {"name": N}}` | `mode: ANY, allowedFunctionNames: [N]` |
extension GeminiRequestTranslator {
    /// Tool keys Gemini has besides function declarations, passed through as given.
    static let nativeToolKeys: Set<String> = [
        "googleSearch", "google_search", "googleSearchRetrieval", "codeExecution", "code_execution", "urlContext", "url_context",
    ]

    static func addTools(from body: JSON, to request: inout JSON) throws {
        var declarations: [JSON] = []
        var nativeTools: [JSON] = []
        for (offset, tool) in (body["tools"]?.arrayValue ?? []).enumerated() {
            let path = "tools[\(offset)]"
            if let key = tool.objectValue?.keys.first(where: nativeToolKeys.contains) {
                nativeTools.append([key: tool[key] ?? [:]])
                continue
            }
            guard tool["type"]?.stringValue ?? "function" == "function", let function = tool["function"],
                let name = function["name"]?.stringValue
            else {
                throw GatewayError.badRequest(
                    "\(path) must be a function tool with a name (type '\(tool["type"]?.stringValue ?? "?")').", param: path)
            }
            var declaration: JSON = ["name": .string(name)]
            if let description = function["description"]?.stringValue { declaration["description"] = .string(description) }
            if let parameters = function["parameters"], !parameters.isNull, !GeminiSchema.isEmptyObject(parameters) {
                declaration["parameters"] = try GeminiSchema.cleaned(parameters, param: path + ".function.parameters")
            }
            declarations.append(declaration)
        }
        var tools = nativeTools
        if !declarations.isEmpty { tools.insert(["functionDeclarations": .array(declarations)], at: 0) }
        if !tools.isEmpty { request["tools"] = .array(tools) }
        if let config = try functionCallingConfig(body["tool_choice"]) { request["toolConfig"] = ["functionCallingConfig": config] }
    }

    /// The `functionCallingConfig` for a `tool_choice`; nil when none is given.
    static func functionCallingConfig(_ choice: JSON?) throws -> JSON? {
        switch choice {
        case nil, .null?: return nil
        case .string("auto")?: return ["mode": "AUTO"]
        case .string("none")?: return ["mode": "NONE"]
        case .string("required")?, .string("any")?: return ["mode": "ANY"]
        case let other?:
            guard let name = other["function"]?["name"]?.stringValue else {
                throw GatewayError.badRequest("tool_choice must be \"auto\", \"none\", \"required\" or a named function.", param: "tool_choice")
            }
            return ["mode": "ANY", "allowedFunctionNames": [.string(name)]]
        }
    }
}
