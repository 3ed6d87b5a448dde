import Synchronization

/// Lets plugins call a deployment through the gateway's providers (a routing plugin's health checks), the way the
/// pipeline does. Shared through ``PluginContext/upstreams``; the server connects it to the providers once every
/// plugin is built, so it works from the time services run, not while plugins are being made.
public final class UpstreamAccess: Sendable {
    private let registry = Mutex<ProviderRegistry?>(nil)

    public init() {}

    /// Connects the providers (the server does this once at startup).
    public func connect(_ providers: ProviderRegistry) {
        registry.withLock { $0 = providers }
    }

    /// Sends one call to its deployment's provider.
    /// - Throws: ``GatewayError``: 503 before the server connected the providers, 500 for a provider it does not
    ///   have, else whatever the provider throws.
    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        guard let providers = registry.withLock({ $0 }) else {
            throw GatewayError.unavailable("The gateway's providers are not ready yet.")
        }
        guard let provider = providers.provider(for: call.deployment) else {
            throw GatewayError.internalError("No provider for '\(call.deployment.provider)/'.")
        }
        return try await provider.send(call)
    }
}
