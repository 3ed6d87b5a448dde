extension JSON {
    /// This value with every `os.environ/NAME` string replaced by the variable's value (LiteLLM's convention,
    /// accepted in config.yaml and in plugins.json `config` objects).
    /// - Parameters:
    ///   - environment: the variables.
    ///   - path: where this value sits, for the error message.
    /// - Throws: ``ConfigError`` naming the key path and the variable, never a value.
    public func resolvingEnvironmentReferences(_ environment: [String: String], path: String) throws -> JSON {
        switch self {
        case .string(let string) where string.hasPrefix("os.environ/"):
            let name = String(string.dropFirst("os.environ/".count))
            guard let resolved = environment[name] else {
                throw ConfigError("\(path) references the environment variable \(name), which is not set")
            }
            return .string(resolved)
        case .array(let elements):
            return .array(try elements.enumerated().map { try $1.resolvingEnvironmentReferences(environment, path: "\(path)[\($0)]") })
        case .object(let members):
            var resolved: [String: JSON] = [:]
            for (key, member) in members {
                resolved[key] = try member.resolvingEnvironmentReferences(environment, path: "\(path).\(key)")
            }
            return .object(resolved)
        default:
            return self
        }
    }
}
