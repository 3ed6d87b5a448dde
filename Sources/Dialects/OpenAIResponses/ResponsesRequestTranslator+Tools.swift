import GatewayCore

extension ResponsesRequestTranslator {
    /// `tools` and `tool_choice`. A function tool's flat shape `{type, name, description, parameters, strict}` becomes
    /// chat's `{type: "function", function: {name, description, parameters, strict}}`. Built-in tools (`web_search`,
    /// `file_search`, `computer_use_preview`, `code_interpreter`, `mcp`, ...) run on OpenAI's side and have no chat
    /// counterpart: refused, as is any member of a function tool that chat cannot carry (`defer_loading`, ...).
    static func addTools(from body: JSON, to chat: inout JSON) throws {
        if let tools = body["tools"], !tools.isNull {
            guard let list = tools.arrayValue else {
                throw GatewayError.badRequest("'tools' must be a list, not \(tools.typeName).", param: "tools")
            }
            if !list.isEmpty { chat["tools"] = .array(try list.enumerated().map { try chatTool($1, param: "tools[\($0)]") }) }
        }
        guard let choice = body["tool_choice"], !choice.isNull else { return }
        chat["tool_choice"] = try chatToolChoice(choice)
    }

    private static let functionMembers: Set<String> = ["type", "name", "description", "parameters", "strict"]

    private static func chatTool(_ tool: JSON, param: String) throws -> JSON {
        guard case .object(let members) = tool else {
            throw GatewayError.badRequest("\(param) must be an object, not \(tool.typeName).", param: param)
        }
        let type = try optionalString(tool, "type", param: "\(param).type") ?? "missing"
        guard type == "function" else {
            throw GatewayError.badRequest(
                "\(param) is a '\(type)' tool: only function tools can be served through the chat translation (built-in tools run on OpenAI's side).",
                param: "\(param).type", code: "unsupported_parameter")
        }
        for (key, value) in members.sorted(by: { $0.key < $1.key }) where !value.isNull && !functionMembers.contains(key) {
            throw GatewayError.badRequest(
                "\(param).\(key) is not supported through the chat translation.", param: "\(param).\(key)", code: "unsupported_parameter")
        }
        guard let name = try optionalString(tool, "name", param: "\(param).name"), !name.isEmpty else {
            throw GatewayError.badRequest("\(param) needs a name.", param: "\(param).name")
        }
        var function: JSON = ["name": .string(name)]
        if let description = try optionalString(tool, "description", param: "\(param).description") { function["description"] = .string(description) }
        if let parameters = members["parameters"], !parameters.isNull {
            guard case .object = parameters else {
                throw GatewayError.badRequest("\(param).parameters must be a JSON schema object.", param: "\(param).parameters")
            }
            function["parameters"] = parameters
        }
        if let strict = try optionalBool(tool, "strict", param: "\(param).strict") { function["strict"] = .bool(strict) }
        return ["type": "function", "function": function]
    }

    /// `none`, `auto`, `required`, `{type: "function", name}` and `{type: "allowed_tools", mode, tools}` (of
    /// function tools) map to chat's forms; a choice of a built-in tool is refused.
    private static func chatToolChoice(_ choice: JSON) throws -> JSON {
        if let mode = choice.stringValue {
            guard ["none", "auto", "required"].contains(mode) else {
                throw GatewayError.badRequest("'tool_choice' must be none, auto, required or an object.", param: "tool_choice")
            }
            return .string(mode)
        }
        switch try optionalString(choice, "type", param: "tool_choice.type") {
        case "function":
            guard let name = try optionalString(choice, "name", param: "tool_choice.name"), !name.isEmpty else {
                throw GatewayError.badRequest("tool_choice of type 'function' needs a name.", param: "tool_choice.name")
            }
            return ["type": "function", "function": ["name": .string(name)]]
        case "allowed_tools":
            let mode = try optionalString(choice, "mode", param: "tool_choice.mode") ?? "auto"
            guard ["auto", "required"].contains(mode) else {
                throw GatewayError.badRequest("tool_choice.mode must be auto or required.", param: "tool_choice.mode")
            }
            guard let tools = choice["tools"]?.arrayValue else {
                throw GatewayError.badRequest("tool_choice.tools must be a list.", param: "tool_choice.tools")
            }
            let named: [JSON] = try tools.enumerated().map { offset, tool in
                guard tool["type"] == "function", let name = tool["name"]?.stringValue else {
                    throw GatewayError.badRequest(
                        "tool_choice.tools[\(offset)] must be a function tool with a name.", param: "tool_choice.tools[\(offset)]",
                        code: "unsupported_parameter")
                }
                return ["type": "function", "function": ["name": .string(name)]]
            }
            return ["type": "allowed_tools", "allowed_tools": ["mode": .string(mode), "tools": .array(named)]]
        case let type:
            throw GatewayError.badRequest(
                "tool_choice of type '\(type ?? "missing")' has no chat counterpart.", param: "tool_choice.type", code: "unsupported_parameter")
        }
    }

    /// `text.format` becomes `response_format` (`text` needs none; `json_object`; `json_schema` with its name, schema,
    /// description and strict nested under `json_schema`), and `text.verbosity` becomes `verbosity`.
    static func addTextFormat(from body: JSON, to chat: inout JSON) throws {
        guard let text = body["text"], !text.isNull else { return }
        guard case .object(let members) = text else {
            throw GatewayError.badRequest("'text' must be an object, not \(text.typeName).", param: "text")
        }
        for key in members.keys.sorted() where !["format", "verbosity"].contains(key) && members[key]?.isNull == false {
            throw GatewayError.badRequest("'text.\(key)' is not supported.", param: "text.\(key)", code: "unsupported_parameter")
        }
        if let verbosity = try optionalString(text, "verbosity", param: "text.verbosity") {
            guard ["low", "medium", "high"].contains(verbosity) else {
                throw GatewayError.badRequest("'text.verbosity' must be low, medium or high.", param: "text.verbosity")
            }
            chat["verbosity"] = .string(verbosity)
        }
        guard let format = members["format"], !format.isNull else { return }
        switch try optionalString(format, "type", param: "text.format.type") {
        case "text":
            return
        case "json_object":
            chat["response_format"] = ["type": "json_object"]
        case "json_schema":
            guard let name = try optionalString(format, "name", param: "text.format.name"), !name.isEmpty else {
                throw GatewayError.badRequest("text.format of type json_schema needs a name.", param: "text.format.name")
            }
            guard let schema = format["schema"], case .object = schema else {
                throw GatewayError.badRequest("text.format of type json_schema needs a schema object.", param: "text.format.schema")
            }
            var jsonSchema: JSON = ["name": .string(name), "schema": schema]
            if let description = try optionalString(format, "description", param: "text.format.description") {
                jsonSchema["description"] = .string(description)
            }
            if let strict = try optionalBool(format, "strict", param: "text.format.strict") { jsonSchema["strict"] = .bool(strict) }
            chat["response_format"] = ["type": "json_schema", "json_schema": jsonSchema]
        case let type:
            throw GatewayError.badRequest(
                "text.format type '\(type ?? "missing")' must be text, json_object or json_schema.", param: "text.format.type")
        }
    }
}
