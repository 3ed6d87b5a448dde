extension PriceMap {
    /// Reads a map from a source's bytes: LiteLLM's `model_prices_and_context_window.json` (text starting with `{`) or
    /// our rows (``init(rows:)``).
    /// - Throws: ``ConfigError`` when the bytes are neither.
    public init(parsing bytes: [UInt8]) throws {
        let start = bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if let start, bytes[start] == UInt8(ascii: "{") {
            let document: JSON
            do {
                document = try JSONParser.parse(bytes)
            } catch {
                throw ConfigError("the price map is not valid JSON: \(error)")
            }
            try self.init(litellm: document)
        } else {
            try self.init(rows: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Reads LiteLLM's `model_prices_and_context_window.json`, as `scripts/update-price-map` converts it (but keeping
    /// every provider): each entry's ``Field`` figures by their LiteLLM names, an alias (`alias_of`) with its target's
    /// figures under its own, `sample_spec` and entries without `litellm_provider` or without any figure left out. A
    /// figure that is not a number in range is left out and named in ``skippedFields``.
    /// - Throws: ``ConfigError`` when the document is not an object.
    public init(litellm document: JSON) throws {
        guard let models = document.objectValue else { throw ConfigError("LiteLLM's price map must be a JSON object of model entries") }
        var entries: [Entry] = []
        var skipped: [String] = []
        for key in models.keys.sorted() where key != "sample_spec" {
            guard var fields = models[key]?.objectValue else { continue }
            if let target = fields["alias_of"]?.stringValue, let aliased = models[target]?.objectValue {
                fields = aliased.merging(fields.filter { $0.key != "alias_of" }) { _, own in own }
            }
            guard let provider = fields["litellm_provider"]?.stringValue, !provider.isEmpty else { continue }
            var price = ModelPrice(inputPerToken: 0, outputPerToken: 0)
            var any = false
            for field in Field.allCases {
                guard let raw = fields[field.litellmName], !raw.isNull else { continue }
                guard let value = raw.doubleValue.flatMap(field.checked) else {
                    skipped.append("\(key).\(field.litellmName)")
                    continue
                }
                field.set(value, on: &price)
                any = true
            }
            guard any else { continue }
            entries.append(Entry(key: key, provider: provider, mode: fields["mode"]?.stringValue ?? "", price: price))
        }
        self.init(entries: entries, skippedFields: skipped)
    }
}
