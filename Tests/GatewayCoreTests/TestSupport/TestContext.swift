import AsyncHTTPClient
import GatewayCore
import Logging

/// Builders shared by the suites.
enum TestContext {
    static let logger = Logger(label: "tollgate.tests")

    /// A plugin context over the shared HTTP client, an empty config and the given environment.
    static func plugin(
        config: GatewayConfig = GatewayConfig(), store: (any GatewayStore)? = nil, environment: [String: String] = [:]
    ) -> PluginContext {
        PluginContext(logger: logger, config: config, store: store, httpClient: HTTPClient.shared, environment: environment)
    }

    /// A chat completion request for `model` with one user message.
    static func chatRequest(
        id: String = "req-1", model: String? = "m", credential: String? = nil, stream: Bool = false, includeUsage: Bool? = nil,
        extra: [String: JSON] = [:]
    ) -> GatewayRequest {
        var body: JSON = ["messages": [["role": "user", "content": "hi there"]]]
        if let model { body["model"] = .string(model) }
        if stream { body["stream"] = true }
        if let includeUsage { body["stream_options"] = ["include_usage": .bool(includeUsage)] }
        for (key, value) in extra { body[key] = value }
        return GatewayRequest(id: id, endpoint: .chatCompletions, credential: credential, body: body, receivedAtDate: 1_700_000_000)
    }
}

/// Polls `condition` until it holds or `seconds` pass. The default is generous because it costs nothing when the
/// condition holds: suites run in parallel in one process, and the load tests (a thousand requests at once) can
/// starve the others' tasks for seconds on a 2-core machine.
func eventually(timeout seconds: Double = 30, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
