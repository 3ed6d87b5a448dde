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
        if let stream = request.body["stream"], stream.boolValue == nil, !stream.isNull {
            throw GatewayError.badRequest("The 'stream' field must be a boolean.", param: "stream")
        }
        switch request.endpoint {
        case .chatCompletions, .anthropicMessages:
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
        }
    }
}
