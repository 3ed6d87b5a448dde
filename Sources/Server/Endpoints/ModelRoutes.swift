import GatewayCore
import Hummingbird

/// `GET /v1/models`: the public model names the caller may use, in OpenAI's list shape.
struct ModelRoutes {
    let runner: PipelineRunner

    static let paths = ["/v1/models", "/models"]

    func register(on router: Router<GatewayRequestContext>) {
        for path in Self.paths {
            router.get(RouterPath(path)) { request, context in
                let gatewayRequest = IncomingRequest.gatewayRequest(
                    request, context: context, endpoint: .chatCompletions, route: path, body: .object([:]))
                let principal = try await runner.authenticate(gatewayRequest)
                let names = runner.models.catalog.modelNames(for: principal)
                let data: [JSON] = names.map { ["id": .string($0), "object": "model", "created": 0, "owned_by": "tollgate"] }
                return ResponseRendering.json(["object": "list", "data": .array(data)])
            }
        }
    }
}
