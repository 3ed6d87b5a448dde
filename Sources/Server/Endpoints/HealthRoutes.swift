import GatewayCore
import Hummingbird
import Logging

/// `GET /health/liveliness` (the process answers) and `GET /health/readiness` (storage reachable; 503 if not).
/// Neither needs a key, so load balancers can probe them.
struct HealthRoutes {
    let store: (any GatewayStore)?

    static let paths = ["/health/liveliness", "/health/liveness", "/health/readiness"]

    func register(on router: Router<GatewayRequestContext>) {
        for path in ["/health/liveliness", "/health/liveness"] {
            router.get(RouterPath(path)) { _, _ in ResponseRendering.json("I'm alive!") }
        }
        router.get("/health/readiness") { _, context in
            guard let store else {
                return ResponseRendering.json(["status": "healthy", "db": "Not connected", "storage": "none"])
            }
            do {
                // A store that cannot connect may wait on its pool; readiness must answer quickly either way.
                try await withTimeout(seconds: 2) { try await store.checkHealth() }
                return ResponseRendering.json(["status": "healthy", "db": "connected", "storage": .string(store.kind)])
            } catch {
                context.logger.warning("readiness: storage unreachable", metadata: ["storage": .string(store.kind)])
                return ResponseRendering.json(
                    ["status": "unhealthy", "db": "not connected", "storage": .string(store.kind)], status: .serviceUnavailable)
            }
        }
    }
}
