import GatewayCore
import Hummingbird

/// `GET /health/liveliness` (the process answers: always 200) and `GET /health/readiness` (the store can serve:
/// 200, else 503 saying why). Neither needs a key, so load balancers can probe them.
///
/// Readiness answers LiteLLM's fields (`status`, `db`) plus the store's ``StoreStatus``: `state` (`ready`,
/// `connecting`, `migrating`, `unreachable`), `since` (ISO 8601, when it entered that state) and `reason` (the last
/// error; it names the database, never a password).
struct HealthRoutes {
    let store: (any GatewayStore)?

    static let paths = ["/health/liveliness", "/health/liveness", "/health/readiness"]

    func register(on router: Router<GatewayRequestContext>) {
        for path in ["/health/liveliness", "/health/liveness"] {
            router.get(RouterPath(path)) { _, _ in ResponseRendering.json("I'm alive!") }
        }
        router.get("/health/readiness") { _, _ in
            guard let store else {
                return ResponseRendering.json(["status": "healthy", "db": "Not connected", "storage": "none"])
            }
            let status = await store.readiness()
            var body: JSON = [
                "status": status.isReady ? "healthy" : "unhealthy", "db": status.isReady ? "connected" : "not connected",
                "storage": .string(store.kind), "state": .string(status.state.rawValue),
            ]
            if let since = status.since { body["since"] = .string(ISO8601Time.string(since)) }
            if let reason = status.reason { body["reason"] = .string(reason) }
            return ResponseRendering.json(body, status: status.isReady ? .ok : .serviceUnavailable)
        }
    }
}
