import GatewayCore

/// The auth hook: the master key, compared in constant time, is an admin principal.
struct MasterKeyAuthenticator: AuthHook {
    let masterKey: Secrets.ExpectedSecret

    init(masterKey: String) {
        self.masterKey = Secrets.ExpectedSecret(masterKey)
    }

    func authenticate(_ request: GatewayRequest) async throws -> Principal? {
        guard let credential = request.credential, Secrets.constantTimeEquals(credential, masterKey) else { return nil }
        return Principal(subject: "master_key", role: .admin, endUserID: request.endUser)
    }
}
