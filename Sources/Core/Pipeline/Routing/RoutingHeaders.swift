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
}
