import GatewayCore
import HTTPTypes
import Hummingbird
import NIOCore

/// Registers the plugins' management endpoints (``AdminRoute``): body, caller and access checked here, the
/// rest in the plugin's handler.
struct AdminEndpoints {
    let runner: PipelineRunner
    let routes: [AdminRoute]
    let maxBodyBytes: Int

    /// The paths, for telling 405 from 404 (parameter segments are not expanded).
    var paths: [String] { routes.map(\.path) }

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        for route in routes {
            router.on(RouterPath(route.path), method: HTTPRequest.Method(rawValue: route.method.rawValue)!) { request, context in
                try await serve(route, request: request, context: context)
            }
        }
    }

    private func serve(_ route: AdminRoute, request: Request, context: GatewayRequestContext) async throws -> Response {
        let body: JSON
        if route.method == .get || request.headers[.contentLength] == "0" {
            body = .object([:])
        } else {
            body = try await IncomingRequest.jsonBody(of: request, limit: maxBodyBytes, emptyIsObject: true)
        }
        let identity = IncomingRequest.gatewayRequest(
            request, context: context, endpoint: .chatCompletions, route: route.path, body: .object([:]))
        let principal = route.access == .anyone ? Principal.anonymous : try await runner.authenticate(identity)
        guard route.admits(principal) else { throw route.refusal }
        let query = IncomingRequest.query(of: request)
        let parameters = IncomingRequest.parameters(of: context)
        let adminRequest = AdminRequest(requestID: context.requestID, principal: principal, body: body, query: query, parameters: parameters)
        let answer = try await route.call(adminRequest)
        if let contentType = route.textContentType, case .string(let text) = answer {
            return Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        return ResponseRendering.json(answer)
    }
}
