public import Foundation
public import HTTPTypes

/// The gateway's own operations, for a plugin's HTTP routes (``PluginHTTPRequest/gateway``): who a credential
/// belongs to (the enabled auth hooks decide, as for any request), the management API with its authorization (a
/// plugin's page calls the same handlers as the API, never the store behind them), and the pipeline.
public struct GatewayAccess: Sendable {
    public let runner: PipelineRunner
    /// Every plugin's management endpoints.
    public let adminRoutes: [AdminRoute]

    public init(runner: PipelineRunner, adminRoutes: [AdminRoute]) {
        self.runner = runner
        self.adminRoutes = adminRoutes
    }

    /// The principal of a credential (a virtual key, the master key, a token an auth plugin understands).
    /// - Throws: ``GatewayError`` 401 when no auth hook accepts it.
    public func authenticate(credential: String?, headers: HTTPFields = [:], route: String, requestID: String) async throws -> Principal {
        let request = GatewayRequest(
            id: requestID, endpoint: .chatCompletions, route: route, headers: headers, credential: credential, body: .object([:]),
            receivedAtDate: Date().timeIntervalSince1970)
        return try await runner.authenticate(request)
    }

    /// Calls a management endpoint as `principal`, with the same access check as over HTTP.
    /// - Parameter path: a concrete path (`/team/info`, `/model/abc/update`); `{name}` segments of the route match any
    ///   one segment and become its parameters.
    /// - Throws: ``GatewayError`` 404 for no such route, 403 when the principal may not call it, or the handler's error.
    public func callAdmin(
        _ method: AdminRoute.Method, _ path: String, as principal: Principal, body: JSON = .object([:]), query: [String: String] = [:],
        requestID: String
    ) async throws -> JSON {
        guard let (route, parameters) = route(method, path) else {
            throw GatewayError.notFound("No management route \(method.rawValue) \(path).")
        }
        guard route.admits(principal) else { throw route.refusal }
        return try await route.call(AdminRequest(requestID: requestID, principal: principal, body: body, query: query, parameters: parameters))
    }

    /// The route serving `method path`, and the values of its `{name}` segments.
    func route(_ method: AdminRoute.Method, _ path: String) -> (AdminRoute, [String: String])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for route in adminRoutes where route.method == method {
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
            guard pattern.count == segments.count else { continue }
            var parameters: [String: String] = [:]
            var matches = true
            for (expected, actual) in zip(pattern, segments) {
                if expected.hasPrefix("{") && expected.hasSuffix("}") {
                    parameters[String(expected.dropFirst().dropLast())] = String(actual)
                } else if expected != actual {
                    matches = false
                    break
                }
            }
            if matches { return (route, parameters) }
        }
        return nil
    }
}
