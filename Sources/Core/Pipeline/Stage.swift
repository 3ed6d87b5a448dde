import Logging

/// One hook in a hook point's array, with the plugin it came from and what to do when it fails.
///
/// A ``GatewayError`` from a hook is a decision (reject) and always propagates. Any other error is a plugin
/// failure: with `on_error: deny` the request fails closed with a 500 naming the plugin; with `allow` it is
/// logged and the hook's `fallback` result is used, as if the hook had passed.
struct Stage<Hook: Sendable>: Sendable {
    let hook: Hook
    let pluginID: String
    let failurePolicy: FailurePolicy

    func run<Result>(
        logger: Logger, fallback: Result, _ body: (Hook) async throws -> Result
    ) async throws -> Result {
        do {
            return try await body(hook)
        } catch let decision as GatewayError {
            throw decision
        } catch {
            logger.error("plugin failed", metadata: ["plugin": .string(pluginID), "error": .string(String(describing: error))])
            switch failurePolicy {
            case .allow: return fallback
            case .deny: throw GatewayError.internalError("Plugin '\(pluginID)' failed; the request was not processed.")
            }
        }
    }
}
