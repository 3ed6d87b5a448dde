import GatewayCore

/// `GET /routing/deployments` (proxy admins and admin viewers): every deployment's routing state as this instance
/// sees it now, without probing anything (unlike `/health`, which checks the deployments it has no result for).
///
/// ```json
/// {"deployments": [{"model_id": "…", "model_name": "gpt-4o", "cooling_down": true,
///   "health": {"healthy": false, "last_checked": "2026-12-07T01:00:00Z", "error": "…"}}]}
/// ```
/// `health` is null for a deployment never checked. The admin UI's models page shows it.
struct RoutingStateEndpoint: Sendable {
    let router: DeploymentRouter
    let registry: HealthRegistry
    let models: ModelDirectory

    var route: AdminRoute {
        AdminRoute(.get, "/routing/deployments", access: .adminOrViewer) { _ in state() }
    }

    func state() -> JSON {
        let deployments = models.catalog.deployments.map { deployment -> JSON in
            var health: JSON = .null
            if let result = registry.result(for: deployment.id) {
                health = ["healthy": .bool(result.healthy), "last_checked": .string(ISO8601Time.string(result.checkedAt))]
                if let error = result.error { health["error"] = .string(error) }
            }
            return [
                "model_id": .string(deployment.id), "model_name": .string(deployment.modelName),
                "cooling_down": .bool(router.isCoolingDown(deployment.id)), "health": health,
            ]
        }
        return ["deployments": .array(deployments)]
    }
}
