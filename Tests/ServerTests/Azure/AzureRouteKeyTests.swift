import GatewayCore
import GatewayTesting
import Testing

/// The inbound Azure routes with virtual keys: the `api-key` header carries the key, and a key's `allowed_routes`
/// names the routes by their registered paths (or the endpoint's other aliases, or `openai_routes`).
struct AzureRouteKeyTests {
    @Test func allowedRoutesAdmitAndRefuseTheAzureRoutes() async throws {
        try await KeyTestGateway.run(.sqlite) { gateway in
            func key(_ routes: [String]) async throws -> String {
                try await gateway.generate(["allowed_routes": .array(routes.map { .string($0) })]).secret
            }
            let chat: JSON = ["messages": [["role": "user", "content": "hi"]]]
            let path = "/openai/deployments/gpt-test/chat/completions?api-version=2024-10-21"
            for routes in [["/openai/deployments/{model}/chat/completions"], ["/v1/chat/completions"], ["openai_routes"]] {
                let reply = try await gateway.endpoint.post(path, json: chat, headers: ["api-key": try await key(routes)])
                #expect(reply.status == 200, "\(routes): \(reply.body)")
            }
            let embeddingsOnly = try await key(["/openai/deployments/{model}/embeddings"])
            let denied = try await gateway.endpoint.post(path, json: chat, headers: ["api-key": embeddingsOnly])
            #expect(denied.status == 403)
            #expect(denied.error?["code"] == "route_not_allowed")
            let embedded = try await gateway.endpoint.post(
                "/openai/deployments/gpt-test/embeddings?api-version=2024-10-21", json: ["input": "hi"], headers: ["api-key": embeddingsOnly])
            #expect(embedded.status == 200, "\(embedded.body)")
        }
    }
}
