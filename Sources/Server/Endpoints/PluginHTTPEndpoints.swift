import GatewayCore
import HTTPTypes
import Hummingbird
import NIOCore

/// Registers the plugins' own HTTP endpoints (``PluginHTTPRoute``): the body is read (capped) and handed over with
/// the gateway's operations; authentication and the answer's shape are the plugin's.
struct PluginHTTPEndpoints {
    let routes: [PluginHTTPRoute]
    let gateway: GatewayAccess
    let maxBodyBytes: Int

    /// The paths, for telling 405 from 404 (parameter segments are not expanded).
    var paths: [String] { routes.map(\.path) }

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        for route in routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await serve(route, request: request, context: context)
            }
        }
    }

    private func serve(_ route: PluginHTTPRoute, request: Request, context: GatewayRequestContext) async throws -> Response {
        let body = try await IncomingRequest.bytes(of: request, limit: maxBodyBytes)
        let query = IncomingRequest.query(of: request)
        let parameters = IncomingRequest.parameters(of: context)
        var pluginRequest = PluginHTTPRequest(
            requestID: context.requestID, method: request.method, path: request.uri.path, headers: request.headers,
            credential: IncomingRequest.credential(of: request), query: query,
            parameters: parameters, body: body, gateway: gateway)
        pluginRequest.authority = request.head.authority
        let answer = try await route.handler(pluginRequest)
        switch answer.body {
        case .bytes(let bytes):
            return Response(status: answer.status, headers: answer.headers, body: ResponseBody(byteBuffer: bytes))
        case .stream(let stream):
            return Response(status: answer.status, headers: answer.headers, body: ResponseBody(asyncSequence: stream))
        }
    }
}
