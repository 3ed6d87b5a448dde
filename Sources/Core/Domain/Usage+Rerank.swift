extension Usage {
    /// Reads the billing of a rerank answer in Cohere's shape (`meta.billed_units`): `search_units` into
    /// ``searchUnits``, and `input_tokens` (else `total_tokens`, what Jina- and vLLM-style upstreams count) into
    /// ``promptTokens``, for models priced per token. Nil when the answer has no `meta.billed_units`.
    public init?(rerank answer: JSON) {
        guard let billed = answer["meta"]?["billed_units"], case .object = billed else { return nil }
        let tokens = Self.count(billed["input_tokens"])
        self.init(promptTokens: tokens > 0 ? tokens : Self.count(billed["total_tokens"]))
        searchUnits = Self.count(billed["search_units"])
    }
}
