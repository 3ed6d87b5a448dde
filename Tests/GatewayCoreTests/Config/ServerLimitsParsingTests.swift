import Testing

@testable import GatewayCore

/// `general_settings` keys for overload and slow clients, and the deployment cap in `litellm_params` and
/// `router_settings`.
struct ServerLimitsParsingTests {
    private func parse(_ settings: JSON) throws -> GatewayConfig {
        try GatewayConfig(parsing: ["general_settings": settings], environment: [:])
    }

    @Test func defaults() throws {
        let config = try parse(.object([:]))
        #expect(config.serverLimits == ServerLimits())
        #expect(config.serverLimits.maxRequestsInFlight == 4096)
        #expect(config.serverLimits.requestHeaderTimeout == 10)
        #expect(config.serverLimits.requestBodyTimeout == 60)
        #expect(config.serverLimits.keepAliveTimeout == 75)
        #expect(config.serverLimits.maxHeaderBytes == 64 * 1024)
        #expect(config.serverLimits.upstreamConnectionsPerHost == 1024)
        #expect(config.serverLimits.upstreamConnectTimeout == 5)
        #expect(config.serverLimits.upstreamHTTPClient == .lean)
        #expect(config.router.defaultMaxParallelRequests == nil)
    }

    @Test func readsEveryKeyWithoutWarnings() throws {
        let config = try parse([
            "global_max_parallel_requests": 100, "request_header_timeout_seconds": 2.5, "request_body_timeout_seconds": 30,
            "keep_alive_timeout_seconds": 5, "max_request_header_size_kb": 16, "upstream_max_connections_per_host": 64,
            "upstream_connect_timeout_seconds": 0.5, "upstream_http_client": "async-http-client",
        ])
        var expected = ServerLimits(
            maxRequestsInFlight: 100, requestHeaderTimeout: 2.5, requestBodyTimeout: 30, keepAliveTimeout: 5, maxHeaderBytes: 16 * 1024,
            upstreamConnectionsPerHost: 64, upstreamConnectTimeout: 0.5)
        expected.upstreamHTTPClient = .asyncHTTPClient
        #expect(config.serverLimits == expected)
        #expect(config.warnings.isEmpty, "\(config.warnings)")
        #expect(try parse(["global_max_parallel_requests": 0]).serverLimits.maxRequestsInFlight == nil)
    }

    @Test(arguments: [
        ("global_max_parallel_requests", JSON.int(-1)), ("global_max_parallel_requests", "many"), ("request_header_timeout_seconds", 0),
        ("request_body_timeout_seconds", -5), ("keep_alive_timeout_seconds", 100_000), ("max_request_header_size_kb", 0),
        ("upstream_max_connections_per_host", 0), ("upstream_max_connections_per_host", 1.5), ("upstream_connect_timeout_seconds", 0),
        ("upstream_connect_timeout_seconds", "soon"), ("upstream_http_client", "curl"), ("upstream_http_client", 1),
    ])
    func rejectsValuesOutOfRange(key: String, value: JSON) throws {
        #expect(throws: ConfigError.self) { try parse([key: value]) }
        do {
            _ = try parse([key: value])
        } catch let error as ConfigError {
            #expect(error.message.contains("general_settings.\(key)"))
        }
    }

    @Test func deploymentCapAndRouterDefault() throws {
        let config = try GatewayConfig(
            parsing: [
                "model_list": [
                    ["model_name": "a", "litellm_params": ["model": "openai/a", "max_parallel_requests": 8]],
                    ["model_name": "b", "litellm_params": ["model": "openai/b"]],
                ],
                "router_settings": ["default_max_parallel_requests": 3],
            ], environment: [:])
        #expect(config.deployments[0].maxParallelRequests == 8)
        // A deployment setting, not a request field: never forwarded upstream.
        #expect(config.deployments[0].extraParams["max_parallel_requests"] == nil)
        #expect(config.deployments[1].maxParallelRequests == nil)
        #expect(config.router.defaultMaxParallelRequests == 3)
        #expect(throws: ConfigError.self) {
            try GatewayConfig(
                parsing: ["model_list": [["model_name": "a", "litellm_params": ["model": "openai/a", "max_parallel_requests": 0]]]], environment: [:])
        }
        #expect(throws: ConfigError.self) {
            try GatewayConfig(parsing: ["router_settings": ["default_max_parallel_requests": -1]], environment: [:])
        }
    }
}
