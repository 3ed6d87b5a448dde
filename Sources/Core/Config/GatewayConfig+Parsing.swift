extension GatewayConfig {
    private static let knownTopLevelKeys: Set<String> = [
        "model_list", "general_settings", "router_settings", "litellm_settings", "environment_variables", "model_prices",
        "guardrails", "policies", "policy_attachments", "mcp_servers",
    ]
    private static let knownGeneralSettings = Set([
        "master_key", "max_request_size_mb", "database_url", "store_model_in_db", "model_cost_map_url",
        "enable_jwt_auth", "litellm_jwtauth",
    ])
    .union(ServerLimits.keys)

    /// Builds the configuration from config.yaml's tree (already converted from YAML).
    /// - Parameters:
    ///   - document: the file's top-level mapping.
    ///   - environment: where `os.environ/NAME` references are looked up.
    ///   - priceMap: the price map under `model_prices` (the bundled one, or one refreshed at startup).
    /// - Throws: ``ConfigError`` naming the key path of the first problem.
    public init(parsing document: JSON, environment: [String: String], priceMap: PriceMap = .bundled) throws {
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
        if let settings = resolved["router_settings"], !settings.isNull, settings.objectValue == nil {
            throw ConfigError("config.yaml: router_settings must be a mapping, got \(settings.typeName)")
        }
        router = try RouterSettings(parsing: routerSettings)
        router.dropParams = litellmSettings["drop_params"]?.boolValue ?? false
        serverLimits = try ServerLimits(parsing: generalSettings)
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
        prices = try PriceTable(parsing: resolved["model_prices"], path: "config.yaml: model_prices", map: priceMap)
        try readGuardrailSections(resolved)
        switch resolved["mcp_servers"] {
        case nil, .null?: break
        case .object(let servers)?: mcpServers = servers
        case let other?: throw ConfigError("config.yaml: mcp_servers must be a mapping of server names, got \(other.typeName)")
        }
        switch resolved["model_list"] {
        case nil, .null?: break
        case .array(let entries)?:
            deployments = try entries.enumerated().map { [prices] in
                try Deployment(parsing: $1, path: "config.yaml: model_list[\($0)]", prices: prices)
            }
            for (index, deployment) in deployments.enumerated() where !deployment.unknownParams.isEmpty {
                let names = deployment.unknownParams.map { "'\($0)'" }.joined(separator: ", ")
                warnings.append(
                    "config.yaml: model_list[\(index)].litellm_params \(names) not a request parameter or setting Tollgate knows; not sent upstream")
            }
        case let other?:
            throw ConfigError("config.yaml: model_list must be a list, got \(other.typeName)")
        }
        var ids = Set<String>()
        for deployment in deployments where !ids.insert(deployment.id).inserted {
            throw ConfigError("config.yaml: two model_list entries have the id '\(deployment.id)'")
        }
    }

    /// `anthropic/claude-x` → (`anthropic`, `claude-x`); a name without a prefix is OpenAI's, as in LiteLLM.
    static func splitProvider(_ model: String) -> (provider: String, model: String) {
        guard let slash = model.firstIndex(of: "/") else { return ("openai", model) }
        return (String(model[..<slash]).lowercased(), String(model[model.index(after: slash)...]))
    }
}
