/// The body's `fallbacks` (LiteLLM's request-level fallbacks): model groups to try when the requested one fails.
///
/// `"fallbacks": ["gpt-4o-mini", "claude"]`. The field is taken out of the body so it never reaches the upstream.
/// They replace the configured `router_settings.fallbacks` of the requested group, as in LiteLLM.
enum RequestFallbacks {
    /// Removes `fallbacks` from `body`.
    /// - Returns: the group names, nil when the body had none.
    /// - Throws: 400 with `param: fallbacks` when it is not a list of model names.
    static func take(from body: inout JSON) throws -> [String]? {
        guard let value = body["fallbacks"] else { return nil }
        body["fallbacks"] = nil
        switch value {
        case .null:
            return nil
        case .array(let entries):
            return try entries.map { entry in
                if let name = entry.stringValue, !name.isEmpty { return name }
                // LiteLLM also accepts `{"model": "..."}`; entries with per-fallback overrides are refused, not half-applied.
                if case .object(let members) = entry, members.count == 1, let name = members["model"]?.stringValue, !name.isEmpty {
                    return name
                }
                throw GatewayError.badRequest("'fallbacks' must be a list of model names.", param: "fallbacks")
            }
        default:
            throw GatewayError.badRequest("'fallbacks' must be a list of model names.", param: "fallbacks")
        }
    }
}
