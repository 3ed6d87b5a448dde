import GatewayCore

// config.yaml: Yams' YAML, the YAML-to-JSON conversion of the server (Sources/Server/Wiring/ConfigFile.swift), the
// `os.environ/NAME` substitution, and every setting read from it: model_list entries (the same parser reads models added
// through `/model/new`), model_prices, general_settings (ServerLimits) and router_settings.

private let environment = ["OPENAI_API_KEY": "sk-test", "EMPTY": "", "LIMIT": "12", "BASE": "http://127.0.0.1:9"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let config: GatewayConfig
    do {
        config = try ConfigFile.parse(input.text, environment: environment)
    } catch is ConfigError {
        return 0
    } catch {
        fatalError("config parsing threw \(type(of: error)), not a ConfigError: \(error)")
    }

    // What the parsers promise about an accepted file (GatewayConfig's, ServerLimits' and RouterSettings' key tables).
    require(config.maxRequestBodyBytes > 0, "max_request_size_mb gave \(config.maxRequestBodyBytes) bytes")
    require(Set(config.deployments.map(\.id)).count == config.deployments.count, "two deployments share an id")
    for deployment in config.deployments {
        require(!deployment.modelName.isEmpty && !deployment.provider.isEmpty, "a deployment without a name or provider")
        require(deployment.timeout > 0 && deployment.timeout <= 86_400, "timeout \(deployment.timeout)")
        require(deployment.streamTimeout.map { $0 > 0 && $0 <= 86_400 } ?? true, "stream_timeout \(String(describing: deployment.streamTimeout))")
        require(deployment.maxParallelRequests.map { $0 > 0 } ?? true, "max_parallel_requests \(String(describing: deployment.maxParallelRequests))")
        _ = deployment.cost(of: Usage(promptTokens: 1_000, completionTokens: 1_000))
    }
    let router = config.router
    require((0...10).contains(router.numRetries), "num_retries \(router.numRetries)")
    require((0...60).contains(router.retryAfter), "retry_after \(router.retryAfter)")
    require((0...50).contains(router.maxFallbacks), "max_fallbacks \(router.maxFallbacks)")
    for map in [router.fallbacks, router.contextWindowFallbacks, router.contentPolicyFallbacks] {
        for (group, targets) in map { require(!group.isEmpty && !targets.contains(""), "an empty model group name in fallbacks") }
    }
    // The settings that plugins read are written out as JSON text the parser reads again.
    for settings in [config.generalSettings, config.routerSettings, config.litellmSettings] {
        require((try? JSONParser.parse(JSON.object(settings).serializedBytes())) != nil, "settings were written as invalid JSON")
    }
    return 0
}
