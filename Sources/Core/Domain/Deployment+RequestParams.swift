extension Deployment {
    /// `litellm_params` that are request parameters of the providers' APIs (OpenAI's chat, completions and
    /// embeddings; Anthropic's `top_k` and `thinking`): what a deployment adds to a request that does not set them.
    /// Everything else in `litellm_params` configures the gateway (``gatewayOnlyParams``, credentials) or is unknown
    /// (a startup warning), and never reaches the upstream: a real OpenAI upstream rejects arguments it does not know.
    public static let requestParams: Set<String> = [
        "temperature", "top_p", "n", "stop", "max_tokens", "max_completion_tokens", "presence_penalty", "frequency_penalty", "logit_bias",
        "logprobs", "top_logprobs", "user", "seed", "response_format", "tools", "tool_choice", "parallel_tool_calls", "functions",
        "function_call", "reasoning_effort", "service_tier", "stream_options", "modalities", "audio", "prediction", "store", "metadata",
        "web_search_options", "verbosity", "safety_identifier", "prompt_cache_key", "suffix", "echo", "best_of", "dimensions",
        "encoding_format", "top_k", "thinking",
    ]

    /// LiteLLM's `litellm_params` that configure the gateway, not the request: read where Tollgate implements them
    /// (`num_retries`, `max_retries`), accepted and never forwarded otherwise.
    public static let gatewayOnlyParams: Set<String> = [
        "num_retries", "max_retries", "region_name", "input_cost_per_second", "output_cost_per_second", "tags", "use_in_pass_through",
        "merge_reasoning_content_in_choices", "custom_llm_provider", "litellm_credential_name", "base_model", "api_version", "organization",
        "cooldown_time", "allowed_fails", "mock_response", "configurable_clientside_auth_params", "litellm_trace_id", "use_litellm_proxy",
        "input_cost_per_token_above_128k_tokens", "output_cost_per_token_above_128k_tokens", "cache_read_input_token_cost",
        "cache_creation_input_token_cost", "drop_params", "aws_region_name", "aws_profile_name", "aws_bedrock_runtime_endpoint", "aws_role_name",
        "aws_session_name", "aws_sts_endpoint", "aws_external_id", "vertex_project",
        "vertex_location", "vertex_ai_project", "vertex_ai_location", "azure_ad_token_provider",
        "tenant_id", "client_id", "azure_authority_host", "azure_scope",
    ]

    /// The defaults this deployment adds to an upstream request: its `litellm_params` that are request parameters.
    public var upstreamDefaults: [String: JSON] { extraParams.filter { Self.requestParams.contains($0.key) } }

    /// The `litellm_params` names this deployment has that are neither request parameters, gateway settings nor
    /// credentials: ignored, with a startup warning so a typo does not go unnoticed.
    public var unknownParams: [String] {
        extraParams.keys.filter { name in
            !Self.requestParams.contains(name) && !Self.gatewayOnlyParams.contains(name) && !Self.isSecretParam(name) && !name.hasPrefix("mock_")
        }.sorted()
    }

    /// `litellm_params.drop_params`: whether parameters this deployment's API cannot express are dropped rather than
    /// refused; nil leaves it to `litellm_settings.drop_params`.
    public var dropParams: Bool? { extraParams["drop_params"]?.boolValue }
}
