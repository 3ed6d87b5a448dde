extension DecodingError {
    /// Where decoding failed and what was wrong, for an error message a person reads: the key path
    /// (`members[0].role`, empty for the top level) and the problem (`must be String`, `is required`).
    public var fieldAndProblem: (path: String, problem: String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce(into: "") { path, key in
                if let index = key.intValue {
                    path += "[\(index)]"
                } else {
                    path += (path.isEmpty ? "" : ".") + key.stringValue
                }
            }
        }
        switch self {
        case .typeMismatch(let type, let context): return (path(context.codingPath), "must be \(type)")
        case .valueNotFound(let type, let context): return (path(context.codingPath), "must be \(type), not null")
        case .keyNotFound(let key, let context): return (path(context.codingPath + [key]), "is required")
        case .dataCorrupted(let context): return (path(context.codingPath), "is invalid: \(context.debugDescription)")
        @unknown default: return ("", "is invalid")
        }
    }
}
