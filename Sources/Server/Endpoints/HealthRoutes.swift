import Foundation
import GatewayCore
import Hummingbird

/// `GET /health/liveliness` (the process answers: always 200) and `GET /health/readiness` (the store can serve:
/// 200, else 503 saying why). Neither needs a key, so load balancers can probe them.
///
/// Readiness answers LiteLLM's fields: `status` (`connected` with a ready store, as LiteLLM's with its database;
/// `healthy` without a store; `unhealthy` when the store cannot serve), `db`, `cache` (always null: Tollgate keeps
/// no external cache), `litellm_version` (Tollgate's version, for scripts that read it) and `last_updated`; plus
/// Tollgate's own `tollgate_version`, `storage` and the store's ``StoreStatus``: `state` (`ready`, `connecting`,
/// `migrating`, `unreachable`), `since` (ISO 8601, when it entered that state) and `reason` (the last error; it
/// names the database, never a password).
struct HealthRoutes {
    let store: (any GatewayStore)?

    static let paths = ["/health/liveliness", "/health/liveness", "/health/readiness"]

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        for path in ["/health/liveliness", "/health/liveness"] {
            router.get(RouterPath(path)) { _, _ in ResponseRendering.json("I'm alive!") }
        }
        router.get("/health/readiness") { _, _ in
            var body: JSON = [
                "cache": .null, "litellm_version": .string(TollgateVersion.current), "tollgate_version": .string(TollgateVersion.current),
                "last_updated": .string(ISO8601Time.string(Date().timeIntervalSince1970)),
            ]
            guard let store else {
                body["status"] = "healthy"
                body["db"] = "Not connected"
                body["storage"] = "none"
                return ResponseRendering.json(body)
            }
            let status = await store.readiness()
            body["status"] = status.isReady ? "connected" : "unhealthy"
            body["db"] = status.isReady ? "connected" : "not connected"
            body["storage"] = .string(store.kind)
            body["state"] = .string(status.state.rawValue)
            if let since = status.since { body["since"] = .string(ISO8601Time.string(since)) }
            if let reason = status.reason { body["reason"] = .string(reason) }
            return ResponseRendering.json(body, status: status.isReady ? .ok : .serviceUnavailable)
        }
    }
}
