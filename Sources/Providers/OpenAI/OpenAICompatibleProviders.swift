public import GatewayCore

/// The provider prefixes served by ``OpenAICompatibleProvider``, with their default `api_base`
/// (nil: the deployment must set one). Names follow LiteLLM's.
public enum OpenAICompatibleProviders {
    /// One provider per prefix of ``defaultAPIBases``, over one shared client, for the server to register.
    public static func all(client: UpstreamHTTPClient) -> [String: any Provider] {
        var providers: [String: any Provider] = [:]
        for (prefix, base) in defaultAPIBases {
            providers[prefix] = OpenAICompatibleProvider(client: client, defaultAPIBase: base, speaksResponses: speakingResponses.contains(prefix))
        }
        return providers
    }

    public static let defaultAPIBases: [String: String?] = [
        "openai": "https://api.openai.com/v1",
        "text-completion-openai": "https://api.openai.com/v1",
        "groq": "https://api.groq.com/openai/v1",
        "together_ai": "https://api.together.xyz/v1",
        "mistral": "https://api.mistral.ai/v1",
        "deepseek": "https://api.deepseek.com/v1",
        "fireworks_ai": "https://api.fireworks.ai/inference/v1",
        "openrouter": "https://openrouter.ai/api/v1",
        "xai": "https://api.x.ai/v1",
        "perplexity": "https://api.perplexity.ai",
        // Jina AI: OpenAI's embeddings, and rerank in Cohere's shape at /v1/rerank.
        "jina_ai": "https://api.jina.ai/v1",
        "ollama": "http://localhost:11434/v1",
        "ollama_chat": "http://localhost:11434/v1",
        "lm_studio": "http://localhost:1234/v1",
        "hosted_vllm": nil,
        "vllm": nil,
        "openai_compatible": nil,
    ]

    /// The prefixes whose deployments are sent `/v1/responses` requests natively (`POST {api_base}/responses`), as
    /// LiteLLM does: OpenAI's own. Every other prefix gets them translated to chat completions, which every
    /// OpenAI-compatible server answers (many, DeepSeek's and older vLLM and Ollama releases, have no Responses API).
    public static let speakingResponses: Set<String> = ["openai"]
}
