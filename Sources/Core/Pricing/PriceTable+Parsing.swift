extension PriceTable {
    /// Parses config.yaml's `model_prices` (the fields are in the type's documentation), over `map`.
    /// - Throws: ``ConfigError`` naming the entry and field.
    public init(parsing value: JSON?, path: String, map: PriceMap = .bundled) throws {
        guard let value, !value.isNull else {
            self.init(map: map)
            return
        }
        guard let entries = value.objectValue else { throw ConfigError("\(path) must be a mapping of model name to prices") }
        var overrides: [String: ModelPrice] = [:]
        for (model, entry) in entries {
            guard let fields = entry.objectValue else { throw ConfigError("\(path).\(model) must be a mapping") }
            var price = ModelPrice(inputPerToken: 0, outputPerToken: 0)
            // LiteLLM's older `max_tokens` is the context window too; `max_input_tokens` wins.
            let named = PriceMap.Field.allCases.map { ($0, $0.litellmName) } + [(.context, "max_tokens")]
            for (field, name) in named where name != "max_tokens" || fields["max_input_tokens"] == nil {
                guard let number = try Self.number(fields[name], field: name, path: "\(path).\(model)") else { continue }
                guard let value = field.checked(number) else {
                    let range = field.isLimit ? "of at least 0" : "from 0 to \(InputRange.maxCostPerToken)"
                    throw ConfigError("\(path).\(model).\(name) must be a finite number \(range)")
                }
                field.set(value, on: &price)
            }
            overrides[model] = price
        }
        self.init(overrides: overrides, map: map)
    }

    /// A field's number, nil when absent or null. - Throws: ``ConfigError`` when it is not a number.
    private static func number(_ raw: JSON?, field: String, path: String) throws -> Double? {
        guard let raw, !raw.isNull else { return nil }
        guard let number = raw.doubleValue, number.isFinite else { throw ConfigError("\(path).\(field) must be a finite number") }
        return number
    }
}
