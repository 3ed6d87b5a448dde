import GatewayCore

/// The auth hook for virtual keys. (Being written: see KeyRoutes for the management side.)
struct VirtualKeyAuthenticator: AuthHook {
    let directory: IdentityDirectory

    func authenticate(_ request: GatewayRequest) async throws -> Principal? {
        nil
    }
}
