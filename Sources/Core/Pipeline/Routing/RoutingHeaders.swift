public import HTTPTypes

/// The response headers that say how a request was routed (LiteLLM's names), on answers and on errors.
public enum RoutingHeaders {
    /// The id of the deployment that answered (or was tried last).
    public static let modelID = HTTPField.Name("x-litellm-model-id")!
    /// The model group that answered (or was tried last), after fallbacks.
    public static let modelGroup = HTTPField.Name("x-litellm-model-group")!
    /// Calls beyond the first within one model group and `order` level.
    public static let attemptedRetries = HTTPField.Name("x-litellm-attempted-retries")!
    /// Fallbacks taken: later `order` levels and fallback groups that were called.
    public static let attemptedFallbacks = HTTPField.Name("x-litellm-attempted-fallbacks")!
    /// `region_name` of the deployment that answered (or was tried last), when it has one.
    public static let modelRegion = HTTPField.Name("x-litellm-model-region")!
    /// The client's per-request timeout in seconds (LiteLLM's request header), echoed on the answer.
    public static let timeout = HTTPField.Name("x-litellm-timeout")!
}
