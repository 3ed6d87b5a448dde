/// The names a model is looked up under in the price tables.
///
/// The price map's keys are LiteLLM's: a provider's own name where the provider prices a model apart
/// (`vertex_ai/gemini-2.5-pro`, `gemini/gemini-2.5-flash`, `azure/gpt-4o`), the bare name for OpenAI's and Anthropic's
/// models and for Bedrock's ids (`gpt-4o`, `anthropic.claude-3-5-sonnet-20241022-v2:0`). A Bedrock id names a vendor and
/// a version, and may name a cross-region inference profile: `[region.]vendor.model[-vN][:M]`; it is also looked up under
/// its shorter forms, so an id LiteLLM does not list prices as the model it serves.
extension PriceTable {
    /// The region prefixes of Bedrock's cross-region inference profiles (`us.`, `eu.`, `apac.`, `global.`...).
    static let bedrockRegions: Set<String> = ["us", "us-gov", "eu", "apac", "global", "jp", "au", "ca"]
    /// The vendors of Bedrock model ids: a name is read as a Bedrock id only when it starts with one and a dot.
    static let bedrockVendors: Set<String> = [
        "amazon", "anthropic", "ai21", "cohere", "deepseek", "meta", "mistral", "openai", "qwen", "stability", "twelvelabs", "writer",
    ]

    /// The names `model` served by `provider` is looked up under, most specific first, lowercased: `provider/model`,
    /// then `model`, then for a Bedrock id its shorter forms (``bedrockNames(_:)``).
    ///
    /// `vertex_ai` + `gemini-2.5-pro` → `vertex_ai/gemini-2.5-pro`, `gemini-2.5-pro`.
    public static func lookupNames(model: String, provider: String?) -> [String] {
        var names: [String] = []
        if let provider, !provider.isEmpty, !model.isEmpty { names.append("\(provider.lowercased())/\(model.lowercased())") }
        names += bedrockNames(model)
        var seen: Set<String> = []
        return names.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// `model` (lowercased), then, for a Bedrock id, without its region prefix, without its `:M` version, without a
    /// trailing `-vN` revision, and last without its vendor. A name that is not a Bedrock id is looked up as it is.
    ///
    /// `us.anthropic.claude-3-5-sonnet-20241022-v2:0` → `us.anthropic.claude-3-5-sonnet-20241022-v2:0`,
    /// `anthropic.claude-3-5-sonnet-20241022-v2:0`, `anthropic.claude-3-5-sonnet-20241022-v2`,
    /// `anthropic.claude-3-5-sonnet-20241022`, `claude-3-5-sonnet-20241022-v2`, `claude-3-5-sonnet-20241022`.
    static func bedrockNames(_ model: String) -> [String] {
        let name = model.lowercased()
        var rest = Substring(name)
        if let dot = rest.firstIndex(of: "."), bedrockRegions.contains(String(rest[..<dot])) { rest = rest[rest.index(after: dot)...] }
        guard let dot = rest.firstIndex(of: "."), bedrockVendors.contains(String(rest[..<dot])) else { return [name] }
        let vendor = rest[..<dot]
        let id = rest[rest.index(after: dot)...]
        let unversioned = id.prefix { $0 != ":" }
        let unrevised = withoutRevision(unversioned)
        var seen: Set<String> = []
        return [name, String(rest), "\(vendor).\(unversioned)", "\(vendor).\(unrevised)", String(unversioned), String(unrevised)].filter {
            !$0.isEmpty && seen.insert($0).inserted
        }
    }

    /// `id` without a trailing `-v` and digits (`claude-3-5-sonnet-20241022-v2` → `claude-3-5-sonnet-20241022`).
    private static func withoutRevision(_ id: Substring) -> Substring {
        guard let dash = id.lastIndex(of: "-") else { return id }
        let suffix = id[id.index(after: dash)...]
        guard suffix.count > 1, suffix.first == "v", suffix.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return id
        }
        return id[..<dash]
    }
}
