/// The prices a deployment is looked up in, after its own `input_cost_per_token`...: config.yaml's `model_prices`
/// (``overrides``), then the price map (``map``: the bundled one, or one refreshed at startup).
///
/// ```yaml
/// model_prices:
///   gpt-4o: {input_cost_per_token: 0.000002, output_cost_per_token: 0.000008, cache_read_input_token_cost: 0.000001}
///   vertex_ai/gemini-2.5-pro: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000008}
///   my-finetune: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000001, max_input_tokens: 32768, max_output_tokens: 8192}
/// ```
/// An entry takes LiteLLM's names (``PriceMap/Field/litellmName``): `input_cost_per_token`, `output_cost_per_token`,
/// `cache_read_input_token_cost`, `cache_creation_input_token_cost`, `output_cost_per_reasoning_token`,
/// `input_cost_per_image`, `output_cost_per_image`, `input_cost_per_second`, `output_cost_per_second`,
/// `input_cost_per_query`; `max_input_tokens` (or `max_tokens`) is the context window, `max_output_tokens` the most
/// tokens one answer may have (what a request that names no `max_tokens` reserves against budgets, ``CostCeiling``).
/// Every price is a number from 0 to ``InputRange/maxCostPerToken``.
///
/// How a model resolves (``resolve(model:provider:)``), over the names it is looked up under (``lookupNames(model:provider:)``:
/// `provider/model` first, then the bare model, then a Bedrock id's shorter forms):
/// 1. config.yaml's entry of one of the names exactly;
/// 2. config.yaml's entry of which one of the names is a dated snapshot (`gpt-4o` for `gpt-4o-2024-08-06`);
/// 3. the map's entry of one of the names exactly;
/// 4. the longest family either table has (`claude-3-5-haiku` for `claude-3-5-haiku-latest`), the config file's when
///    both are as long. A config file's `gpt-4o` does not price `gpt-4o-mini`, which the map names exactly.
///
/// A config file's entry without `max_input_tokens` / `max_output_tokens` takes the limits the map has for the model.
public struct PriceTable: Sendable {
    /// config.yaml's `model_prices`, by lowercased name.
    public var overrides: [String: ModelPrice]
    /// The price map under the config file's entries.
    public var map: PriceMap

    public init(overrides: [String: ModelPrice] = [:], map: PriceMap = .bundled) {
        self.overrides = overrides.reduce(into: [:]) { $0[$1.key.lowercased()] = $1.value }
        self.map = map
    }

    /// How a model's price was found.
    public struct Resolution: Sendable, Hashable {
        public var price: ModelPrice
        /// ``PriceSource/configFile`` or ``PriceSource/bundled`` (the map).
        public var source: PriceSource
        /// The key that matched, lowercased (`gpt-4o`, `vertex_ai/gemini-2.5-pro`).
        public var key: String
        /// The name looked up when it matched (the key itself, or a name of its family).
        public var name: String
        /// True when the key is the name; false for a family or dated-snapshot match.
        public var exact: Bool
        /// The map's entry, when the map priced it.
        public var entry: PriceMap.Entry?
    }

    /// The price of `model` served by `provider`, with where it came from; nil when neither table knows it.
    public func price(of model: String, provider: String? = nil) -> (price: ModelPrice, source: PriceSource)? {
        resolve(model: model, provider: provider).map { ($0.price, $0.source) }
    }

    /// How `model` served by `provider` resolves (the order is in the type's documentation); nil when unknown.
    /// - Parameters:
    ///   - model: the upstream model name (`gemini-2.5-pro`, `us.anthropic.claude-sonnet-4-20250514-v1:0`).
    ///   - provider: the `litellm_params.model` prefix (`vertex_ai`, `bedrock`), nil for none.
    public func resolve(model: String, provider: String?) -> Resolution? {
        let names = Self.lookupNames(model: model, provider: provider)
        guard var resolution = resolve(names: names) else { return nil }
        // A config file's entry that sets no limits takes the map's: they are the model's, not a price.
        if resolution.source == .configFile, resolution.price.contextWindow == nil || resolution.price.maxOutputTokens == nil,
            let listed = PriceTable(map: map).resolve(names: names)?.price
        {
            resolution.price.contextWindow = resolution.price.contextWindow ?? listed.contextWindow
            resolution.price.maxOutputTokens = resolution.price.maxOutputTokens ?? listed.maxOutputTokens
        }
        return resolution
    }

    /// ``resolve(model:provider:)`` over its lookup names, without filling a config entry's limits.
    private func resolve(names: [String]) -> Resolution? {
        for name in names {
            if let own = overrides[name] { return Resolution(price: own, source: .configFile, key: name, name: name, exact: true) }
        }
        for name in names {
            if let (key, own) = Self.family(of: name, in: overrides), Self.isSnapshotSuffix(name.dropFirst(key.count)) {
                return Resolution(price: own, source: .configFile, key: key, name: name, exact: false)
            }
        }
        for name in names {
            if let entry = map.entry(named: name) {
                return Resolution(price: entry.price, source: .bundled, key: name, name: name, exact: true, entry: entry)
            }
        }
        for name in names {
            let own = Self.family(of: name, in: overrides)
            let listed = map.family(of: name)
            if let own, own.key.count >= listed.map({ $0.key.count }) ?? 0 {
                return Resolution(price: own.value, source: .configFile, key: own.key, name: name, exact: false)
            }
            if let listed {
                return Resolution(price: listed.price, source: .bundled, key: listed.key.lowercased(), name: name, exact: false, entry: listed)
            }
        }
        return nil
    }

    /// The longest key of `table` that `name` extends with `-`: one dictionary hit per `-` of the name.
    static func family<Value>(of name: String, in table: [String: Value]) -> (key: String, value: Value)? {
        guard !table.isEmpty else { return nil }
        var end = name.endIndex
        while let dash = name[..<end].lastIndex(of: "-") {
            let key = String(name[..<dash])
            if dash > name.startIndex, let value = table[key] { return (key, value) }
            end = dash
        }
        return nil
    }

    /// Whether `suffix` (what follows a family's name) marks a dated snapshot: `-` then digits and dashes only, with at
    /// least four digits (`-2024-08-06`, `-20241022`, `-0613`).
    static func isSnapshotSuffix(_ suffix: Substring) -> Bool {
        guard suffix.first == "-" else { return false }
        let rest = suffix.dropFirst()
        return rest.allSatisfy { $0 == "-" || ($0.isASCII && $0.isNumber) } && rest.filter { $0 != "-" }.count >= 4
    }
}
