/// Every model's list price and limits, under LiteLLM's keys: the bundled map (``bundled``, converted from LiteLLM's
/// `model_prices_and_context_window.json` by `scripts/update-price-map`), or one read at startup from a file or URL
/// (``init(parsing:)``: LiteLLM's JSON or our rows).
///
/// Keys are LiteLLM's, lowercased: a provider's own name where LiteLLM has one (`vertex_ai/gemini-2.5-pro`,
/// `gemini/gemini-2.5-flash`, `azure/gpt-4o`, `us.anthropic.claude-sonnet-4-20250514-v1:0`) and the bare name for
/// OpenAI's and Anthropic's models (`gpt-4o`, `claude-sonnet-4-5`). Which names a deployment is looked up under, and in
/// which order, is ``PriceTable``'s business; a lookup here is one dictionary hit (``entry(named:)``), or one per `-` of
/// the name for a family (``family(of:)``), never a scan.
public struct PriceMap: Sendable {
    /// One model of the map.
    public struct Entry: Sendable, Hashable {
        /// The key as the source wrote it (LiteLLM's case).
        public var key: String
        /// LiteLLM's `litellm_provider` (`openai`, `vertex_ai-language-models`, `bedrock_converse`...).
        public var provider: String
        /// LiteLLM's `mode`: `chat`, `embedding`, `rerank`, `completion`, `image_generation`... (empty when unset).
        public var mode: String
        public var price: ModelPrice

        public init(key: String, provider: String, mode: String, price: ModelPrice) {
            self.key = key
            self.provider = provider
            self.mode = mode
            self.price = price
        }
    }

    /// The entries by lowercased key.
    public private(set) var entries: [String: Entry]
    /// Fields of the source left out because they were not a number in range (a price outside 0 ...
    /// ``InputRange/maxCostPerToken``, a limit below 0, a string): each `key.field`. Empty for the bundled map.
    public private(set) var skippedFields: [String]

    /// A map of these entries (a later entry of the same lowercased key replaces an earlier one).
    public init(entries: [Entry], skippedFields: [String] = []) {
        var byKey: [String: Entry] = [:]
        byKey.reserveCapacity(entries.count)
        for entry in entries { byKey[entry.key.lowercased()] = entry }
        self.entries = byKey
        self.skippedFields = skippedFields
    }

    /// The entry stored under `name` exactly (`name` lowercased already).
    public func entry(named name: String) -> Entry? { entries[name] }

    /// The entry of the longest key that `name` extends with `-` (`gpt-4o-2024-08-06` → `gpt-4o`): one dictionary hit
    /// per `-` of the name, longest first. `name` itself is not tried (``entry(named:)`` does that).
    public func family(of name: String) -> Entry? {
        var end = name.endIndex
        while let dash = name[..<end].lastIndex(of: "-") {
            if dash > name.startIndex, let entry = entries[String(name[..<dash])] { return entry }
            end = dash
        }
        return nil
    }

    /// The number of models in the map.
    public var count: Int { entries.count }

    /// The map compiled into the binary (``bundledRows``), parsed on first use, once.
    public static let bundled: PriceMap = {
        do {
            return try PriceMap(rows: bundledRows)
        } catch {
            // The bundled rows are generated and tested (PriceMapTests): reaching this is a build defect.
            preconditionFailure("the bundled price map does not parse: \(error)")
        }
    }()
}
