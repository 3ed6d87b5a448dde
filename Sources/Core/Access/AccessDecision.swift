/// The outcome of ``AccessCheck/check(model:objects:deployments:)``.
public enum AccessDecision: Sendable, Hashable {
    /// Every level allows the model.
    case allowed
    /// One level does not.
    /// - objectType: `key`, `team`, `user`, `organization` or `project`.
    /// - errorType: LiteLLM's error `type`: `key_model_access_denied`, `team_model_access_denied`,
    ///   `user_model_access_denied`, `org_model_access_denied` or `project_model_access_denied`.
    /// - message: names the object, the model and what the object may access; no secret.
    case denied(objectType: String, errorType: String, message: String)

    /// Whether the model may be used.
    public var isAllowed: Bool { self == .allowed }

    /// The client-facing error for a denial: 403 with LiteLLM's error `type`, `param: "model"` and code `"403"`
    /// (LiteLLM answers 401 here; a valid credential that may not do something is a 403). Nil when allowed.
    public var gatewayError: GatewayError? {
        guard case .denied(_, let errorType, let message) = self else { return nil }
        var error = GatewayError.forbidden(message)
        error.type = errorType
        error.param = "model"
        error.code = nil  // renders as "403", as LiteLLM renders the status as the code
        return error
    }
}
