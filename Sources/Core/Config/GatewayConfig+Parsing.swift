import Crypto

extension GatewayConfig {
    private static let knownTopLevelKeys: Set<String> = [
        "model_list", "general_settings", "router_settings", "litellm_settings", "environment_variables",
    ]
    private static let knownGeneralSettings: Set<String> = [
        "master_key", "max_request_size_mb", "database_url", "store_model_in_db",
    ]
    /// `litellm_params` that configure the deployment rather than the request.
    private static let deploymentParams: Set<String> = [
        "model", "api_base", "api_key", "timeout", "stream_timeout", "rpm", "tpm", "weight", "order",
        "input_cost_per_token", "output_cost_per_token",
    ]

    /// Builds the configuration from config.yaml's tree (already converted from YAML).
    /// - Parameters:
    ///   - document: the file's top-level mapping.
    ///   - environment: where `os.environ/NAME` references are looked up.
    /// - Throws: ``ConfigError`` naming the key path of the first problem.
    public init(parsing document: JSON, environment: [String: String]) throws {
        self.init()
        guard case .object(let top) = document else {
            if document.isNull { return }  // an empty file is a valid, empty config
            throw ConfigError("config.yaml: the top level must be a mapping, got \(document.typeName)")
        }
        for key in top.keys.sorted() where !Self.knownTopLevelKeys.contains(key) {
            warnings.append("config.yaml: unknown top-level key '\(key)' ignored")
        }
        var environment = environment
        if let variables = top["environment_variables"]?.objectValue {
            for (name, value) in variables where environment[name] == nil { environment[name] = value.stringValue }
        }
        let resolved = try JSON.object(top).resolvingEnvironmentReferences(environment, path: "config.yaml")

        generalSettings = resolved["general_settings"]?.objectValue ?? [:]
        routerSettings = resolved["router_settings"]?.objectValue ?? [:]
        litellmSettings = resolved["litellm_settings"]?.objectValue ?? [:]
        for key in generalSettings.keys.sorted() where !Self.knownGeneralSettings.contains(key) {
            warnings.append("config.yaml: unknown key 'general_settings.\(key)' ignored")
        }
        if let masterKey = generalSettings["master_key"] {
            guard let key = masterKey.stringValue, !key.isEmpty else {
                throw ConfigError("config.yaml: general_settings.master_key must be a non-empty string")
            }
            self.masterKey = key
        }
        if let size = generalSettings["max_request_size_mb"] {
            // Capped at 1 TiB so the byte count always fits an Int.
            guard let megabytes = size.doubleValue, megabytes > 0, megabytes <= 1_048_576 else {
                throw ConfigError("config.yaml: general_settings.max_request_size_mb must be a number between 0 and 1048576")
            }
            maxRequestBodyBytes = max(1, Int(megabytes * 1024 * 1024))
        }
        switch resolved["model_list"] {
        case nil, .null?: break
        case .array(let entries)?:
            deployments = try entries.enumerated().map { try Self.deployment(from: $1, path: "config.yaml: model_list[\($0)]") }
        case let other?:
            throw ConfigError("config.yaml: model_list must be a list, got \(other.typeName)")
        }
        var ids = Set<String>()
        for deployment in deployments where !ids.insert(deployment.id).inserted {
            throw ConfigError("config.yaml: two model_list entries have the id '\(deployment.id)'")
        }
    }

    private static func deployment(from entry: JSON, path: String) throws -> Deployment {
        guard case .object = entry else { throw ConfigError("\(path) must be a mapping") }
        guard let modelName = entry["model_name"]?.stringValue, !modelName.isEmpty else {
            throw ConfigError("\(path).model_name is required")
        }
        guard let params = entry["litellm_params"]?.objectValue else { throw ConfigError("\(path).litellm_params is required") }
        guard let model = params["model"]?.stringValue, !model.isEmpty else {
            throw ConfigError("\(path).litellm_params.model is required (e.g. openai/gpt-4o)")
        }
        let info = entry["model_info"] ?? .object([:])
        guard case .object = info else { throw ConfigError("\(path).model_info must be a mapping") }

        let (provider, upstreamModel) = splitProvider(model)
        func number(_ key: String) throws -> Double? {
            guard let value = params[key] ?? info[key], !value.isNull else { return nil }
            guard let number = value.doubleValue ?? value.stringValue.flatMap(Double.init) else {
                throw ConfigError("\(path).litellm_params.\(key) must be a number")
            }
            return number
        }
        func string(_ key: String) throws -> String? {
            guard let value = params[key], !value.isNull else { return nil }
            guard let string = value.stringValue else { throw ConfigError("\(path).litellm_params.\(key) must be a string") }
            return string
        }
        func integer(_ key: String) throws -> Int? {
            guard let value = try number(key) else { return nil }
            guard let integer = Int(exactly: value.rounded()), abs(integer) < 1 << 53 else {
                throw ConfigError("\(path).litellm_params.\(key) must be a whole number in range")
            }
            return integer
        }
        let apiBase = try string("api_base")
        let id = info["id"]?.stringValue ?? derivedID(modelName: modelName, model: model, apiBase: apiBase)
        let timeout = try number("timeout") ?? 600
        guard timeout > 0, timeout <= 86_400 else { throw ConfigError("\(path).litellm_params.timeout must be between 0 and 86400 seconds") }
        let accessGroups = info["access_groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return Deployment(
            id: id, modelName: modelName, provider: provider, upstreamModel: upstreamModel, apiBase: apiBase, apiKey: try string("api_key"),
            timeout: timeout, rpm: try integer("rpm"), tpm: try integer("tpm"), weight: try number("weight") ?? 1,
            order: try integer("order"), accessGroups: accessGroups, modelInfo: info,
            extraParams: params.filter { !deploymentParams.contains($0.key) },
            inputCostPerToken: try number("input_cost_per_token") ?? 0, outputCostPerToken: try number("output_cost_per_token") ?? 0)
    }

    /// `anthropic/claude-x` → (`anthropic`, `claude-x`); a name without a prefix is OpenAI's, as in LiteLLM.
    static func splitProvider(_ model: String) -> (provider: String, model: String) {
        guard let slash = model.firstIndex(of: "/") else { return ("openai", model) }
        return (String(model[..<slash]).lowercased(), String(model[model.index(after: slash)...]))
    }

    private static func derivedID(modelName: String, model: String, apiBase: String?) -> String {
        let digest = SHA256.hash(data: Array("\(modelName)|\(model)|\(apiBase ?? "")".utf8))
        return digest.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
