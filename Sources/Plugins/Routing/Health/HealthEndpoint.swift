import Foundation
import GatewayCore

/// `GET /health` (proxy admins and admin viewers): every deployment's last health check, in LiteLLM's shape.
///
/// ```json
/// {"healthy_endpoints": [{"model_name": "gpt-4o", "model": "openai/gpt-4o", "model_id": "…", "api_base": "https://…",
///   "last_checked": "2026-11-21T17:00:00Z"}],
///  "unhealthy_endpoints": [{…, "error": "Upstream 'gpt-4o' failed with HTTP 500: …"}],
///  "healthy_count": 1, "unhealthy_count": 1}
/// ```
/// Deployments never checked are checked now; `?refresh=true` checks every deployment now. API keys never
/// appear; an `api_base` is shown without user info and query string, where credentials sometimes hide.
struct HealthEndpoint: Sendable {
    let checker: HealthChecker
    let registry: HealthRegistry
    let models: ModelDirectory

    var route: AdminRoute {
        AdminRoute(.get, "/health", access: .adminOrViewer) { request in
            await report(refresh: request.query["refresh"]?.lowercased() == "true")
        }
    }

    func report(refresh: Bool) async -> JSON {
        // Wildcard deployments have no one upstream model to probe.
        let deployments = models.catalog.deployments.filter { !$0.isWildcard }
        let unchecked = refresh ? deployments : deployments.filter { registry.result(for: $0.id) == nil }
        if !unchecked.isEmpty { await checker.check(unchecked) }
        var healthy: [JSON] = []
        var unhealthy: [JSON] = []
        for deployment in deployments {
            guard let result = registry.result(for: deployment.id) else { continue }
            var entry: JSON = [
                "model_name": .string(deployment.modelName),
                "model": .string("\(deployment.provider)/\(deployment.upstreamModel)"),
                "model_id": .string(deployment.id),
                "api_base": deployment.apiBase.map { JSON.string(Self.displayBase($0)) } ?? .null,
                "last_checked": .string(ISO8601Time.string(result.checkedAt)),
            ]
            if result.healthy {
                healthy.append(entry)
            } else {
                entry["error"] = .string(result.error ?? "unhealthy")
                unhealthy.append(entry)
            }
        }
        return [
            "healthy_endpoints": .array(healthy), "unhealthy_endpoints": .array(unhealthy), "healthy_count": .int(healthy.count),
            "unhealthy_count": .int(unhealthy.count),
        ]
    }

    /// The base URL without `user:password@` and without a query string.
    static func displayBase(_ base: String) -> String {
        guard var components = URLComponents(string: base) else { return "[unparsable api_base]" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "[unparsable api_base]"
    }
}
