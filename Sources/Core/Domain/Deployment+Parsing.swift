import Crypto

extension Deployment {
    /// `litellm_params` that configure the deployment rather than the request.
    static let deploymentParams: Set<String> = [
        "model", "api_base", "api_key", "timeout", "stream_timeout", "rpm", "tpm", "weight", "order",
        "input_cost_per_token", "output_cost_per_token", "max_parallel_requests",
    ]

    /// Parses one `model_list` entry (config.yaml, or a model stored through `/model/new`).
    /// - Parameters:
    ///   - entry: `{model_name, litellm_params, model_info}`, with `os.environ/NAME` already resolved.
    ///   - path: where the entry sits, for error messages (`config.yaml: model_list[2]`).
    ///   - prices: config.yaml's `model_prices` over the bundled table.
    /// - Throws: ``ConfigError`` naming the key path; never a value.
    public init(parsing entry: JSON, path: String, prices: PriceTable = PriceTable()) throws {
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

        let (provider, upstreamModel) = GatewayConfig.splitProvider(model)
        func number(_ key: String, infoOnly: Bool = false) throws -> Double? {
            guard let value = (infoOnly ? nil : params[key]) ?? info[key], !value.isNull else { return nil }
            guard let number = value.doubleValue ?? value.stringValue.flatMap(Double.init) else {
                throw ConfigError("\(path).\(infoOnly ? "model_info" : "litellm_params").\(key) must be a number")
            }
            return number
        }
        func string(_ key: String) throws -> String? {
            guard let value = params[key], !value.isNull else { return nil }
            guard let string = value.stringValue else { throw ConfigError("\(path).litellm_params.\(key) must be a string") }
            return string
        }
        func integer(_ key: String, infoOnly: Bool = false) throws -> Int? {
            guard let value = try number(key, infoOnly: infoOnly) else { return nil }
            guard let integer = Int(exactly: value.rounded()), abs(integer) < 1 << 53 else {
                throw ConfigError("\(path).\(infoOnly ? "model_info" : "litellm_params").\(key) must be a whole number in range")
            }
            return integer
        }
        let apiBase = try string("api_base")
        let id = info["id"]?.stringValue ?? Self.derivedID(modelName: modelName, model: model, apiBase: apiBase)
        let timeout = try number("timeout") ?? 600
        guard timeout > 0, timeout <= 86_400 else { throw ConfigError("\(path).litellm_params.timeout must be between 0 and 86400 seconds") }
        let streamTimeout = try number("stream_timeout")
        if let streamTimeout, !(streamTimeout > 0 && streamTimeout <= 86_400) {
            throw ConfigError("\(path).litellm_params.stream_timeout must be between 0 and 86400 seconds")
        }
        if let teamID = info["team_id"], !teamID.isNull, teamID.stringValue?.isEmpty ?? true {
            throw ConfigError("\(path).model_info.team_id must be a non-empty string")
        }
        let accessGroups = info["access_groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        // Configured costs win, each on its own; the config file's table, then the bundled one, fill what is
        // missing; else 0 (reported once).
        let configuredInput = try number("input_cost_per_token")
        let configuredOutput = try number("output_cost_per_token")
        let listed = prices.price(of: upstreamModel)
        let bundled = listed?.price
        let pricing: PriceSource =
            configuredInput != nil || configuredOutput != nil ? .configured : listed?.source ?? .unknown
        let contextWindow = try integer("max_tokens", infoOnly: true) ?? bundled?.contextWindow
        self.init(
            id: id, modelName: modelName, provider: provider, upstreamModel: upstreamModel, apiBase: apiBase, apiKey: try string("api_key"),
            timeout: timeout, streamTimeout: streamTimeout, rpm: try integer("rpm"), tpm: try integer("tpm"), weight: try number("weight") ?? 1,
            order: try integer("order"), accessGroups: accessGroups, modelInfo: info,
            extraParams: params.filter { !Self.deploymentParams.contains($0.key) },
            inputCostPerToken: configuredInput ?? bundled?.inputPerToken ?? 0, outputCostPerToken: configuredOutput ?? bundled?.outputPerToken ?? 0,
            pricing: pricing, contextWindow: contextWindow)
        if let limit = try integer("max_parallel_requests") {
            guard limit > 0 else { throw ConfigError("\(path).litellm_params.max_parallel_requests must be at least 1") }
            maxParallelRequests = limit
        }
    }

    /// A stable id for an entry without `model_info.id`: the same entry gets the same id in every process.
    static func derivedID(modelName: String, model: String, apiBase: String?) -> String {
        let digest = SHA256.hash(data: Array("\(modelName)|\(model)|\(apiBase ?? "")".utf8))
        return digest.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
