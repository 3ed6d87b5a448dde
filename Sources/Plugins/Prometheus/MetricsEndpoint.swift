import GatewayCore

/// `GET /metrics`: everything the gateway's plugins recorded, in Prometheus' text exposition format.
///
/// Open to anyone by default, as LiteLLM's `/metrics` is (scrapers rarely hold keys; no label carries a secret);
/// with `require_auth`, an admin or admin-viewer key is needed (401 without a key, 403 with another).
struct MetricsEndpoint: Sendable {
    let exposition: any MetricsExposition
    let requireAuth: Bool

    var route: AdminRoute {
        AdminRoute(.get, "/metrics", access: requireAuth ? .adminOrViewer : .anyone, contentType: PrometheusPlugin.contentType) { [exposition] _ in
            exposition.render()
        }
    }
}
