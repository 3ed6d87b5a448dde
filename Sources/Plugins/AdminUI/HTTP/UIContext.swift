import Foundation
import GatewayCore
import NIOCore

/// One signed-in request to a page: the session, the caller as the auth hooks see them now, the posted form, and
/// the management API called as that caller.
struct UIContext: Sendable {
    let request: PluginHTTPRequest
    let session: UISession
    /// Who the session's credential is now (re-authenticated on every request).
    let principal: Principal
    /// The posted form (empty for a GET).
    let form: FormBody

    /// The query parameters, blank ones dropped.
    var query: [String: String] { request.query.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty } }

    /// What the caller may do, for navigation and for which forms a page offers.
    var role: UIRole { UIRole(principal) }

    /// Calls a management route as the signed-in caller, with the API's own access check.
    /// - Throws: the route's ``GatewayError`` (403 when the caller may not, 400 for bad input, ...).
    func admin(_ method: AdminRoute.Method, _ path: String, body: JSON = [:], query: [String: String] = [:]) async throws -> JSON {
        try await request.gateway.callAdmin(method, path, as: principal, body: body, query: query, requestID: request.requestID)
    }
}
