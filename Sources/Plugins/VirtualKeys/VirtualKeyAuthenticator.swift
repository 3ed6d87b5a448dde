import Foundation
import GatewayCore

/// The auth hook for virtual keys: the credential's SHA-256 names a stored key, read through the directory's
/// cache (a hit costs no store read).
///
/// An unknown credential is "not mine" (nil), so a later hook such as `master-key-auth` may know it. A known key
/// is rejected with 401 when it is blocked or expired, when its team, user, project or organization no longer
/// exists, or when its team or project is blocked (the object named). For an LLM request (one with a `model`)
/// the key's `allowed_routes` and model access (LiteLLM's common checks over key, team, personal user, project
/// and organization; ``AccessCheck``) are decided here: a denial is a 403 with LiteLLM's error `type`.
///
/// A request whose `user` names a blocked end user is a 403 `end_user_blocked`.
///
/// When the store cannot be reached, what the directory has cached is used even past its TTL; what it would have
/// to look up throws ``StoreError/unavailable(_:)``, which the pipeline answers with 503 `storage_unavailable`:
/// never a 401, since the key may be valid (see ``IdentityDirectory``).
///
/// An alias (key `aliases`, team `model_aliases`) is resolved for the check; the resolved name is handed on in
/// ``Principal/resolvedModel``, which the pipeline routes to.
struct VirtualKeyAuthenticator: AuthHook {
    let directory: IdentityDirectory

    init(directory: IdentityDirectory) {
        self.directory = directory
    }

    func authenticate(_ request: GatewayRequest) async throws -> Principal? {
        guard let credential = request.credential, !credential.isEmpty else { return nil }
        let hash = Secrets.sha256Hex(credential)
        guard let key = try await directory.key(hash: hash) else { return nil }
        let objects = try await validObjects(of: key)
        return try await CommonChecks(directory: directory).principal(
            objects: objects, request: request, role: Self.role(of: objects.user), subject: "key:" + hash.prefix(12),
            allowedRoutes: key.settings.allowedRoutes, endUserID: request.endUser)
    }

    // MARK: Objects

    /// The key's team, user, project and organization, each checked: missing or blocked objects reject the key.
    private func validObjects(of key: VirtualKeyRecord) async throws -> AccessObjects {
        if key.blocked { throw Self.reject("Authentication Error - key is blocked. Update via `/key/unblock` if you're an admin.", "key_blocked") }
        if let expiresAt = key.expiresAt, expiresAt < Date().timeIntervalSince1970 {
            throw Self.reject("Authentication Error - key expired at \(Self.iso8601(expiresAt)).", "key_expired")
        }
        var objects = AccessObjects(key: key)
        if let teamID = key.teamID {
            guard let team = try await directory.entity(TeamRecord.self, .team, id: teamID) else {
                throw Self.reject("Authentication Error - the key's team (\(teamID)) no longer exists.", "team_not_found")
            }
            if team.blocked { throw Self.reject("Team=\(teamID) is blocked. Update via `/team/unblock` if you're an admin.", "team_blocked") }
            objects.team = team
        }
        if let userID = key.userID {
            guard let user = try await directory.entity(UserRecord.self, .user, id: userID) else {
                throw Self.reject("Authentication Error - the key's user (\(userID)) no longer exists.", "user_not_found")
            }
            objects.user = user
        }
        if let projectID = key.settings.projectID {
            guard let project = try await directory.entity(ProjectRecord.self, .project, id: projectID) else {
                throw Self.reject("Authentication Error - the key's project (\(projectID)) no longer exists.", "project_not_found")
            }
            if project.blocked {
                throw Self.reject("Project=\(projectID) is blocked. Update via `/project/update` if you're an admin.", "project_blocked")
            }
            objects.project = project
        }
        if let organizationID = key.settings.organizationID ?? objects.team?.organizationID {
            guard let organization = try await directory.entity(OrganizationRecord.self, .organization, id: organizationID) else {
                throw Self.reject("Authentication Error - the key's organization (\(organizationID)) no longer exists.", "organization_not_found")
            }
            objects.organization = organization
        }
        return objects
    }

    // MARK: Roles

    /// The principal's role from the key's user (`proxy_admin` keys administer; keys without a user are users).
    static func role(of user: UserRecord?) -> Principal.Role {
        switch user?.userRole {
        case .proxyAdmin: .admin
        case .proxyAdminViewer: .adminViewer
        case .internalUserViewer: .userViewer
        case .internalUser, nil: .user
        }
    }

    private static func reject(_ message: String, _ code: String) -> GatewayError {
        var error = GatewayError.unauthorized(message)
        error.code = code
        return error
    }

    private static func iso8601(_ seconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
    }
}
