/// The prices a config file adds to or changes in the bundled table: config.yaml's top-level `model_prices`,
/// keyed by upstream model name (the part after `provider/`), looked up like ``ModelPrices`` (exact name, else the
/// longest `-` family prefix). A deployment's own `input_cost_per_token` / `output_cost_per_token` still win.
///
/// ```yaml
/// model_prices:
///   gpt-4o: {input_cost_per_token: 0.000002, output_cost_per_token: 0.000008, cache_read_input_token_cost: 0.000001}
///   my-finetune: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000001, max_tokens: 32768, max_output_tokens: 8192}
/// ```
/// `max_tokens` is the context window; `max_output_tokens` the most tokens one answer may have (what a request that
/// names no `max_tokens` reserves against budgets, ``CostCeiling``). LiteLLM's `cache_read_input_token_cost`,
/// `cache_creation_input_token_cost` and `output_cost_per_reasoning_token` price cached input and reasoning output
/// apart (absent: the input or output price). Every price is a number from 0 to ``InputRange/maxCostPerToken``.
public struct PriceTable: Sendable, Hashable {
    public var overrides: [String: ModelPrice]

    public init(overrides: [String: ModelPrice] = [:]) {
        self.overrides = overrides.reduce(into: [:]) { $0[$1.key.lowercased()] = $1.value }
    }

    /// The most specific price of `model`, with where it came from: an exact name before a family, a longer
    /// family before a shorter one (a config file's `gpt-4o` does not price `gpt-4o-mini`, which the bundled
    /// table names exactly), the config file's entry when both match equally. A Bedrock id is tried under each of
    /// its names in turn (``ModelPrices/lookupNames(_:)``), the full id first, so a config file can price one
    /// inference profile apart.
    public func price(of model: String) -> (price: ModelPrice, source: PriceSource)? {
        ModelPrices.lookupNames(model).lazy.compactMap { self.price(named: $0) }.first
    }

    /// ``price(of:)`` for one name.
    private func price(named model: String) -> (price: ModelPrice, source: PriceSource)? {
        let own = ModelPrices.match(model, in: overrides)
        let bundled = ModelPrices.match(model, in: ModelPrices.table)
        guard let own else { return bundled.map { ($0.price, .bundled) } }
        guard let bundled else { return (own.price, .configFile) }
        let ownWins = own.exact || (!bundled.exact && own.key.count >= bundled.key.count)
        return ownWins ? (own.price, .configFile) : (bundled.price, .bundled)
    }

    /// Parses `model_prices`. - Throws: ``ConfigError`` naming the entry and field.
    public init(parsing value: JSON?, path: String) throws {
        guard let value, !value.isNull else {
            self.init()
            return
        }
        guard let entries = value.objectValue else { throw ConfigError("\(path) must be a mapping of model name to prices") }
        var overrides: [String: ModelPrice] = [:]
        for (model, entry) in entries {
            func number(_ field: String, maximum: Double = .greatestFiniteMagnitude) throws -> Double? {
                guard let raw = entry[field], !raw.isNull else { return nil }
                guard let number = raw.doubleValue, number >= 0, number <= maximum else {
                    let range = maximum == .greatestFiniteMagnitude ? "of at least 0" : "from 0 to \(maximum)"
                    throw ConfigError("\(path).\(model).\(field) must be a finite number \(range)")
                }
                return number
            }
            guard entry.objectValue != nil else { throw ConfigError("\(path).\(model) must be a mapping") }
            func price(_ field: String) throws -> Double? { try number(field, maximum: InputRange.maxCostPerToken) }
            let input = try price("input_cost_per_token") ?? 0
            let output = try price("output_cost_per_token") ?? 0
            let context = try number("max_tokens").map { Int(min($0, 1e15)) }
            let maxOutput = try number("max_output_tokens").map { Int(min($0, 1e15)) }
            var entryPrice = ModelPrice(
                inputPerMillion: input * 1_000_000, outputPerMillion: output * 1_000_000, contextWindow: context, maxOutputTokens: maxOutput)
            // Per token as written (no round trip through per-million prices).
            entryPrice.cacheReadPerToken = try price("cache_read_input_token_cost")
            entryPrice.cacheWritePerToken = try price("cache_creation_input_token_cost")
            entryPrice.reasoningPerToken = try price("output_cost_per_reasoning_token")
            overrides[model] = entryPrice
        }
        self.init(overrides: overrides)
    }
}
