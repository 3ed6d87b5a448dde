import GatewayCore

extension ResponsesRequestTranslator {
    /// The request fields a chat request cannot express, refused with a 400 that names the field.
    ///
    /// A field is accepted only when it is listed in ``translated`` (mapped by the translator), ``served`` (the
    /// gateway itself honours it: `store`, `previous_response_id`) or accepted with a value that needs nothing
    /// upstream (`background: false`, `truncation: "disabled"`, `include` values in ``includedAsNoOp``). Everything else, known to
    /// OpenAI or not, is a 400: a client never gets an answer that silently ignored part of what it asked.
    enum Refusals {
        /// Fields the translator maps to the chat request.
        static let translated: Set<String> = [
            "model", "input", "instructions", "tools", "tool_choice", "text", "max_output_tokens", "temperature", "top_p",
            "parallel_tool_calls", "metadata", "user", "reasoning", "stream", "safety_identifier", "prompt_cache_key",
            "service_tier", "prompt_cache_retention", "fallbacks", "guardrails",
        ]
        /// Fields the gateway serves itself.
        static let served: Set<String> = ["store", "previous_response_id", "stream_options", "max_tool_calls"]
        /// Fields accepted with a neutral value only; the closure throws for any other value.
        static let neutral: [String: @Sendable (JSON) throws -> Void] = [
            "background": { value in
                guard value.boolValue == true else { return }
                throw GatewayError.badRequest(
                    "'background': true is not supported on this gateway (responses are answered while the request waits).",
                    param: "background", code: "unsupported_parameter")
            },
            "truncation": { value in
                guard let mode = value.stringValue, mode != "disabled" else { return }
                throw GatewayError.badRequest(
                    "'truncation': '\(mode)' is not supported through the chat translation; use 'disabled'.", param: "truncation",
                    code: "unsupported_parameter")
            },
            "include": { value in
                guard let values = value.arrayValue else {
                    throw GatewayError.badRequest("'include' must be a list of strings, not \(value.typeName).", param: "include")
                }
                for (index, item) in values.enumerated() {
                    guard let name = item.stringValue else {
                        throw GatewayError.badRequest("'include[\(index)]' must be a string, not \(item.typeName).", param: "include[\(index)]")
                    }
                    guard !includedAsNoOp.contains(name) else { continue }
                    throw GatewayError.badRequest(
                        "'include' value '\(name)' cannot be honoured through the chat translation.", param: "include[\(index)]",
                        code: "unsupported_parameter")
                }
            },
        ]

        /// `include` values accepted through the translation although nothing is added for them: each asks only for
        /// optional extra output that a translated answer cannot have, and the answer is the same with or without
        /// it. `reasoning.encrypted_content` (the Agents SDK asks for it with `store: false`): a chat upstream's
        /// reasoning has no encrypted form, so reasoning items come without `encrypted_content`, which clients
        /// treat as optional. The built-in tools' outputs and input image URLs: built-in tools are refused here, so
        /// no such item occurs, and stored input items keep their image URLs as sent. `message.output_text.logprobs`
        /// changes what the answer carries and is refused, as is any value not listed.
        static let includedAsNoOp: Set<String> = [
            "reasoning.encrypted_content", "file_search_call.results", "web_search_call.results", "web_search_call.action.sources",
            "code_interpreter_call.outputs", "computer_call_output.output.image_url", "message.input_image.image_url",
        ]

        /// - Throws: 400 for a body that is not an object, or for the first field (in name order) it cannot serve.
        static func check(_ body: JSON) throws {
            guard case .object(let fields) = body else {
                throw GatewayError.badRequest("The request body must be a JSON object.", code: "invalid_body")
            }
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !value.isNull {
                if translated.contains(key) || served.contains(key) { continue }
                if let check = neutral[key] {
                    try check(value)
                    continue
                }
                throw GatewayError.badRequest(
                    "'\(key)' is not supported on /v1/responses through the chat translation; remove it (see docs/responses-api.md).",
                    param: key, code: "unsupported_parameter")
            }
            try checkServed(fields)
            try checkReasoning(fields["reasoning"])
        }

        /// The types of the fields the gateway serves itself.
        private static func checkServed(_ fields: [String: JSON]) throws {
            _ = try optionalBool(body(fields), "store")
            if let id = try optionalString(body(fields), "previous_response_id"), id.isEmpty || id.utf8.count > ResponsesIDs.maxLength {
                throw GatewayError.badRequest(
                    "'previous_response_id' must be a response id of at most \(ResponsesIDs.maxLength) characters.", param: "previous_response_id")
            }
            if let options = fields["stream_options"], !options.isNull {
                guard case .object(let members) = options else {
                    throw GatewayError.badRequest("'stream_options' must be an object.", param: "stream_options")
                }
                // Obfuscation pads deltas with random characters; the gateway sends none, which clients accept either way.
                for key in members.keys.sorted() where key != "include_obfuscation" {
                    throw GatewayError.badRequest(
                        "'stream_options.\(key)' is not supported.", param: "stream_options.\(key)", code: "unsupported_parameter")
                }
            }
            if let value = fields["max_tool_calls"], !value.isNull {
                // It caps calls of built-in tools, which are refused here, so any valid value holds by construction.
                guard let count = value.intValue, count >= 1, count <= 1_000_000 else {
                    throw GatewayError.badRequest("'max_tool_calls' must be a whole number from 1 to 1000000.", param: "max_tool_calls")
                }
            }
        }

        /// `reasoning`: `effort` is mapped and `summary` (`generate_summary`) is served from the upstream's reasoning
        /// text when it sends one; other members are refused.
        private static func checkReasoning(_ reasoning: JSON?) throws {
            guard case .object(let members)? = reasoning else { return }
            let accepted: Set<String> = ["effort", "summary", "generate_summary"]
            for (key, value) in members.sorted(by: { $0.key < $1.key }) where !value.isNull && !accepted.contains(key) {
                throw GatewayError.badRequest(
                    "'reasoning.\(key)' is not supported through the chat translation.", param: "reasoning.\(key)", code: "unsupported_parameter")
            }
            for key in ["summary", "generate_summary"] {
                guard let value = members[key], !value.isNull else { continue }
                guard let mode = value.stringValue, ["auto", "concise", "detailed"].contains(mode) else {
                    throw GatewayError.badRequest("'reasoning.\(key)' must be auto, concise or detailed.", param: "reasoning.\(key)")
                }
            }
        }

        private static func body(_ fields: [String: JSON]) -> JSON { .object(fields) }
    }
}
