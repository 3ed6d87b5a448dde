import GatewayCore

/// What ``GeminiUpstream`` refuses in a `generateContent` body, as Gemini does (each a 400 `INVALID_ARGUMENT`).
enum GeminiUpstreamChecks {
    /// The problem with `body`, in Gemini's words; nil when it is well formed.
    static func problem(in body: JSON, model: String) -> String? {
        guard case .object(let members) = body else { return "Invalid JSON payload received." }
        if let unknown = members.keys.sorted().first(where: { !GeminiUpstreamResponses.requestMembers.contains($0) }) {
            return "Invalid JSON payload received. Unknown name \"\(unknown)\": Cannot find field."
        }
        for key in (body["generationConfig"]?.objectValue ?? [:]).keys.sorted() where !GeminiUpstreamResponses.generationConfigMembers.contains(key) {
            return "Invalid JSON payload received. Unknown name \"\(key)\" at 'generation_config': Cannot find field."
        }
        guard let contents = body["contents"]?.arrayValue, !contents.isEmpty else {
            return "* GenerateContentRequest.contents: contents is not specified"
        }
        var previousCalls = 0
        for (index, content) in contents.enumerated() {
            guard let role = content["role"]?.stringValue, role == "user" || role == "model" else {
                return "Please use a valid role: user, model."
            }
            guard let parts = content["parts"]?.arrayValue, !parts.isEmpty else {
                return "* GenerateContentRequest.contents[\(index)].parts: contents.parts must not be empty."
            }
            let calls = parts.filter { $0["functionCall"] != nil }
            let responses = parts.filter { $0["functionResponse"] != nil }
            if !responses.isEmpty, responses.count != previousCalls {
                return "Please ensure that function response turn comes immediately after a function call turn. And the number of function "
                    + "response parts should be equal to number of function call parts of the function call turn."
            }
            if model.contains("gemini-3"), let first = calls.first, first["thoughtSignature"]?.stringValue != GeminiUpstreamResponses.signature {
                return "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly."
            }
            for part in parts where part["inlineData"] != nil && part["inlineData"]?["mimeType"]?.stringValue == nil {
                return "* GenerateContentRequest.contents[\(index)].parts: inline_data.mime_type is required."
            }
            previousCalls = calls.count
        }
        return nil
    }
}
