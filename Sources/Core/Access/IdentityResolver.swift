import Synchronization

/// Turns an ``ExternalIdentity`` into a checked ``Principal``: the common checks a virtual key gets, for callers an
/// auth plugin verified another way (JWT). The `virtual-keys` plugin provides one over its cached directory.
public protocol IdentityResolver: Sendable {
    /// - Returns: the caller with its objects' limits, model list, guardrails and metadata.
    /// - Throws: ``GatewayError`` 401 for a missing or blocked object, 403 for a model or route it may not use.
    func principal(for identity: ExternalIdentity, request: GatewayRequest) async throws -> Principal
}

/// The slot where the plugin that owns users and teams puts its ``IdentityResolver`` and where auth plugins find it,
/// whatever order plugins.json makes them in (shared by every plugin through ``PluginContext/identities``).
public final class IdentityResolvers: Sendable {
    private let slot = Mutex<(any IdentityResolver)?>(nil)

    public init() {}

    /// Sets the resolver (the last provider wins; one plugin owns users and teams).
    public func provide(_ resolver: any IdentityResolver) {
        slot.withLock { $0 = resolver }
    }

    /// The resolver, or nil when no plugin owns users and teams (config-only mode).
    public var current: (any IdentityResolver)? { slot.withLock { $0 } }
}
