/// Checks the fields every provider needs before any hook spends work on the request.
enum RequestValidator {
    /// - Throws: 400 naming the missing or mistyped field.
    static func validate(_ request: GatewayRequest) throws {
        guard let model = request.body["model"] else {
            throw GatewayError.badRequest("The 'model' field is required.", param: "model", code: "missing_model")
        }
        guard let name = model.stringValue, !name.isEmpty else {
            throw GatewayError.badRequest("The 'model' field must be a non-empty string.", param: "model")
        }
        // LiteLLM reads `"model": "a,b"` as a batch completion (one call per model, a list back). Tollgate answers one
        // model per request; saying so beats a 404 for a model named "a,b".
        if name.contains(",") {
            throw GatewayError.badRequest(
                "Comma-separated models (LiteLLM's batch completion) are not supported: send one request per model.", param: "model",
                code: "batch_completion_not_supported")
        }
        if let stream = request.body["stream"], stream.boolValue == nil, !stream.isNull {
            throw GatewayError.badRequest("The 'stream' field must be a boolean.", param: "stream")
        }
        switch request.endpoint {
        case .chatCompletions, .anthropicMessages, .responses, .geminiGenerateContent:
            guard let messages = request.body["messages"]?.arrayValue else {
                throw GatewayError.badRequest("The 'messages' field must be a list of messages.", param: "messages")
            }
            for (index, message) in messages.enumerated() where message["role"]?.stringValue == nil {
                throw GatewayError.badRequest("messages[\(index)] must be an object with a 'role'.", param: "messages")
            }
        case .completions:
            guard request.body["prompt"] != nil else { throw GatewayError.badRequest("The 'prompt' field is required.", param: "prompt") }
        case .embeddings:
            guard request.body["input"] != nil else { throw GatewayError.badRequest("The 'input' field is required.", param: "input") }
        case .rerank:
            guard request.body["query"]?.stringValue != nil else {
                throw GatewayError.badRequest("The 'query' field must be a string.", param: "query")
            }
            guard let documents = request.body["documents"]?.arrayValue, !documents.isEmpty else {
                throw GatewayError.badRequest("The 'documents' field must be a non-empty list of strings or objects.", param: "documents")
            }
            if request.isStreaming { throw GatewayError.badRequest("Rerank answers whole: 'stream' cannot be true.", param: "stream") }
        case .mcp:
            throw GatewayError.badRequest("MCP tool calls are served at /mcp, not through the LLM pipeline.")
        }
    }
}
