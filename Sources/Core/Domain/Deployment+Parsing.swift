import Crypto
import Foundation

extension Deployment {
    /// `litellm_params` that configure the deployment rather than the request.
    static let deploymentParams: Set<String> = [
        "model", "api_base", "api_key", "timeout", "stream_timeout", "rpm", "tpm", "weight", "order",
        "input_cost_per_token", "output_cost_per_token", "max_parallel_requests",
        "cache_read_input_token_cost", "cache_creation_input_token_cost", "output_cost_per_reasoning_token",
        "input_cost_per_query",
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
            throw ConfigError("\(path).model_name is required", field: "model_name")
        }
        guard let params = entry["litellm_params"]?.objectValue else {
            throw ConfigError("\(path).litellm_params is required", field: "litellm_params")
        }
        guard let model = params["model"]?.stringValue, !model.isEmpty else {
            throw ConfigError("\(path).litellm_params.model is required (e.g. openai/gpt-4o)", field: "litellm_params.model")
        }
        let info = entry["model_info"] ?? .object([:])
        guard case .object = info else { throw ConfigError("\(path).model_info must be a mapping", field: "model_info") }

        let (provider, upstreamModel) = GatewayConfig.splitProvider(model)
        /// Whether `litellm_params` sets a key (it then wins over the same key in `model_info`).
        func inParams(_ key: String) -> Bool { params[key].map { !$0.isNull } ?? false }
        /// Where a key was found: `litellm_params.rpm` or `model_info.rpm`.
        func field(_ key: String, infoOnly: Bool) -> String { "\(!infoOnly && inParams(key) ? "litellm_params" : "model_info").\(key)" }
        func number(_ key: String, infoOnly: Bool = false) throws -> Double? {
            guard let value = (infoOnly || !inParams(key) ? info[key] : params[key]), !value.isNull else { return nil }
            // A string such as "inf" or "nan" parses as a Double too: only finite numbers are numbers here.
            guard let number = value.doubleValue ?? value.stringValue.flatMap(Double.init), number.isFinite else {
                throw ConfigError("\(path).\(field(key, infoOnly: infoOnly)) must be a finite number", field: field(key, infoOnly: infoOnly))
            }
            return number
        }
        /// The key's value as `read` finds it (`litellm_params` first, then `model_info`), when its ``InputRange``
        /// `check` passes. A `model_info` value that `litellm_params` shadows is checked too: it is stored, and used
        /// once the other is removed.
        /// - Throws: ``ConfigError`` naming the field and the range.
        func checked<Value>(_ key: String, _ read: (_ infoOnly: Bool) throws -> Value?, _ check: (Value, String) throws -> Void) throws -> Value? {
            func run(_ value: Value, infoOnly: Bool) throws {
                do {
                    try check(value, field(key, infoOnly: infoOnly))
                } catch let error as InputRange.Violation {
                    throw ConfigError("\(path).\(error.field) \(error.problem)", field: error.field)
                }
            }
            if inParams(key), let shadowed = try read(true) { try run(shadowed, infoOnly: true) }
            guard let value = try read(false) else { return nil }
            try run(value, infoOnly: false)
            return value
        }
        func string(_ key: String) throws -> String? {
            guard let value = params[key], !value.isNull else { return nil }
            guard let string = value.stringValue else {
                throw ConfigError("\(path).litellm_params.\(key) must be a string", field: "litellm_params.\(key)")
            }
            return string
        }
        func integer(_ key: String, infoOnly: Bool = false) throws -> Int? {
            guard let value = try number(key, infoOnly: infoOnly) else { return nil }
            guard let integer = Int(exactly: value.rounded()), abs(integer) < 1 << 53 else {
                throw ConfigError("\(path).\(field(key, infoOnly: infoOnly)) must be a whole number in range", field: field(key, infoOnly: infoOnly))
            }
            return integer
        }
        let apiBase = try string("api_base")
        if let apiBase, !Self.isHTTPURL(apiBase) {
            throw ConfigError("\(path).litellm_params.api_base must be an http:// or https:// URL with a host", field: "litellm_params.api_base")
        }
        let id = info["id"]?.stringValue ?? Self.derivedID(modelName: modelName, model: model, apiBase: apiBase)
        let timeout = try number("timeout") ?? 600
        guard timeout > 0, timeout <= 86_400 else {
            throw ConfigError(
                "\(path).\(field("timeout", infoOnly: false)) must be between 0 and 86400 seconds", field: field("timeout", infoOnly: false))
        }
        let streamTimeout = try number("stream_timeout")
        if let streamTimeout, !(streamTimeout > 0 && streamTimeout <= 86_400) {
            let name = field("stream_timeout", infoOnly: false)
            throw ConfigError("\(path).\(name) must be between 0 and 86400 seconds", field: name)
        }
        if let teamID = info["team_id"], !teamID.isNull, teamID.stringValue?.isEmpty ?? true {
            throw ConfigError("\(path).model_info.team_id must be a non-empty string", field: "model_info.team_id")
        }
        let accessGroups = info["access_groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        // Configured costs win, each on its own; the config file's table, then the bundled one, fill what is
        // missing; else 0 (reported once).
        func cost(_ key: String) throws -> Double? {
            try checked(key, { try number(key, infoOnly: $0) }) { try InputRange.costPerToken($0, field: $1) }
        }
        func limit(_ key: String, minimum: Int = 0, maximum: Int) throws -> Int? {
            try checked(key, { try integer(key, infoOnly: $0) }) { try InputRange.count($0, field: $1, minimum: minimum, maximum: maximum) }
        }
        let configuredInput = try cost("input_cost_per_token")
        let configuredOutput = try cost("output_cost_per_token")
        let configuredCacheRead = try cost("cache_read_input_token_cost")
        let configuredCacheWrite = try cost("cache_creation_input_token_cost")
        let configuredReasoning = try cost("output_cost_per_reasoning_token")
        let configuredQuery = try cost("input_cost_per_query")
        let weight = try checked("weight", { try number("weight", infoOnly: $0) }) {
            try InputRange.number($0, in: 0...1_000_000, field: $1, unit: "a relative weight")
        }
        let priced = Self.pricedModel(provider: provider, upstreamModel: upstreamModel, modelInfo: info, params: .object(params))
        let listed = prices.price(of: priced.model, provider: priced.provider)
        let bundled = listed?.price
        let configuresAny = [configuredInput, configuredOutput, configuredCacheRead, configuredCacheWrite, configuredReasoning, configuredQuery]
            .contains { $0 != nil }
        let pricing: PriceSource = configuresAny ? .configured : listed?.source ?? .unknown
        // A table's cache prices go with its input price, its reasoning price with its output price: a deployment
        // that sets its own input price and no cache price bills cache tokens at its own input price (a list cache
        // price next to a negotiated or self-hosted input price could make cached tokens dearer than uncached ones).
        let tableInput = configuredInput == nil ? bundled : nil
        let tableOutput = configuredOutput == nil ? bundled : nil
        let ownWindow = try integer("max_tokens", infoOnly: true)
        if let ownWindow, !(0...InputRange.maxTokens).contains(ownWindow) {
            throw ConfigError(
                "\(path).model_info.max_tokens must be a whole number from 0 to \(InputRange.maxTokens)", field: "model_info.max_tokens")
        }
        let contextWindow = ownWindow ?? bundled?.contextWindow
        self.init(
            id: id, modelName: modelName, provider: provider, upstreamModel: upstreamModel, apiBase: apiBase, apiKey: try string("api_key"),
            timeout: timeout, streamTimeout: streamTimeout, rpm: try limit("rpm", maximum: InputRange.maxRateLimit),
            tpm: try limit("tpm", maximum: InputRange.maxRateLimit), weight: weight ?? 1,
            order: try integer("order"), accessGroups: accessGroups, modelInfo: info,
            extraParams: params.filter { !Self.deploymentParams.contains($0.key) },
            inputCostPerToken: configuredInput ?? bundled?.inputPerToken ?? 0, outputCostPerToken: configuredOutput ?? bundled?.outputPerToken ?? 0,
            pricing: pricing, contextWindow: contextWindow, cacheReadCostPerToken: configuredCacheRead ?? tableInput?.cacheReadPerToken,
            cacheWriteCostPerToken: configuredCacheWrite ?? tableInput?.cacheWritePerToken,
            reasoningCostPerToken: configuredReasoning ?? tableOutput?.reasoningPerToken)
        costPerQuery = configuredQuery ?? bundled?.perQuery
        if let parallel = try limit("max_parallel_requests", minimum: 1, maximum: InputRange.maxParallelRequests) {
            maxParallelRequests = parallel
        }
        // LiteLLM reads both names; the same bound as `router_settings.num_retries`.
        for key in ["num_retries", "max_retries"] where numRetries == nil {
            numRetries = try limit(key, maximum: 10)
        }
    }

    /// Whether `text` is an absolute http(s) URL with a host (`api_base`).
    static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return false
        }
        return !(url.host ?? "").isEmpty
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

extension Deployment {
    /// The provider and model the price tables are asked about (``PriceTable/resolve(model:provider:)``): LiteLLM's
    /// `base_model` (`model_info.base_model`, else `litellm_params.base_model`; its `provider/` prefix, else the
    /// deployment's provider), else the deployment's own. An Azure deployment's name is the operator's choice
    /// (`azure/gpt4o-prod`), so `base_model: azure/gpt-4o` says which model it serves.
    public static func pricedModel(provider: String, upstreamModel: String, modelInfo: JSON, params: JSON) -> (provider: String, model: String) {
        guard let base = modelInfo["base_model"]?.stringValue ?? params["base_model"]?.stringValue, !base.isEmpty else {
            return (provider, upstreamModel)
        }
        return base.contains("/") ? GatewayConfig.splitProvider(base) : (provider, base)
    }
}
