import GatewayCore
import GatewayTesting
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A loopback OpenAI-format upstream for the routing plugin's tests, whose behaviour the test changes while it
/// runs (slow, failing) and which counts traffic and health-check probes apart.
final class RoutingPluginUpstream: Sendable {
    struct State: Sendable {
        var delay: Duration = .zero
        var failing = false
        /// Calls wait (counted, unanswered) while this is set.
        var holding = false
        var calls = 0
        var probes = 0
    }

    let name: String
    let state = Mutex(State())

    init(name: String) {
        self.name = name
    }

    var calls: Int { state.withLock { $0.calls } }
    var probes: Int { state.withLock { $0.probes } }

    func set(delay: Duration? = nil, failing: Bool? = nil, holding: Bool? = nil) {
        state.withLock { state in
            if let delay { state.delay = delay }
            if let failing { state.failing = failing }
            if let holding { state.holding = holding }
        }
    }

    /// Answers one chat completion: a probe is the health check's one-token `"ping"`.
    func answer(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1024 * 1024)
        let body = (try? JSON(parsing: buffer)) ?? .null
        let isProbe = body["max_tokens"]?.intValue == 1 && body["messages"]?[0]?["content"]?.stringValue == "ping"
        let (delay, failing) = state.withLock { state in
            if isProbe { state.probes += 1 } else { state.calls += 1 }
            return (state.delay, state.failing)
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        while !isProbe, state.withLock({ $0.holding }) { try await Task.sleep(for: .milliseconds(20)) }
        if failing {
            let error: JSON = ["error": ["message": .string("\(name) is down"), "type": "server_error", "param": nil, "code": nil]]
            return Response(status: .internalServerError, headers: [.contentType: "application/json"], body: .init(byteBuffer: error.serialized()))
        }
        let reply: JSON = [
            "id": "chatcmpl-routing", "object": "chat.completion", "created": 0, "model": body["model"] ?? "unknown",
            "choices": [["index": 0, "message": ["role": "assistant", "content": .string("from \(name)")], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5],
        ]
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: reply.serialized()))
    }

    /// Runs one upstream per name for the duration of `body`.
    static func withRunning<T: Sendable>(
        _ names: [String], _ body: ([RoutingPluginUpstream], [TestEndpoint]) async throws -> T
    ) async throws -> T {
        guard let name = names.first else { return try await body([], []) }
        let upstream = RoutingPluginUpstream(name: name)
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in try await upstream.answer(request) }
        return try await RunningServer.serve(router, label: "routing-test-upstream") { port in
            try await withRunning(Array(names.dropFirst())) { others, endpoints in
                try await body([upstream] + others, [TestEndpoint(port: port)] + endpoints)
            }
        }
    }
}

/// config.yaml and plugins.json for the routing plugin over several upstreams.
enum RoutingPluginFixture {
    static let masterKey = GatewayFixture.masterKey
    static let upstreamKey = "sk-routing-upstream-secret"

    /// Starts one upstream per name and a gateway whose model `pool` has one deployment on each (id = the
    /// upstream's name), with master-key auth and the routing plugin. The timeout is generous: under the whole
    /// suite's load a 5 s health probe of a healthy upstream can time out, and the safety net then lets traffic
    /// reach the unhealthy one too.
    /// - Parameters:
    ///   - deploymentExtra: extra `litellm_params` lines per upstream name (`weight: 3`).
    ///   - routerSettings: lines under `router_settings:`.
    static func withGateway<T: Sendable>(
        _ names: [String], deploymentExtra: [String: String] = [:], routerSettings: [String] = [], pluginConfig: String = "{}",
        _ body: (TestEndpoint, [String: RoutingPluginUpstream]) async throws -> T
    ) async throws -> T {
        try await RoutingPluginUpstream.withRunning(names) { upstreams, endpoints in
            let models = zip(names, endpoints).map { name, endpoint in
                """
                  - model_name: pool
                    litellm_params:
                      model: openai/\(name)-model
                      api_base: \(endpoint.baseURL)/v1
                      api_key: \(upstreamKey)
                      timeout: 30
                      \(deploymentExtra[name] ?? "")
                    model_info:
                      id: \(name)
                """
            }
            let config = """
                model_list:
                \(models.joined(separator: "\n"))
                router_settings:
                \(routerSettings.isEmpty ? "  {}" : routerSettings.map { "  \($0)" }.joined(separator: "\n"))
                general_settings:
                  master_key: \(masterKey)
                """
            let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "routing", "config": \#(pluginConfig)}]}"#
            let byName = Dictionary(uniqueKeysWithValues: upstreams.map { ($0.name, $0) })
            return try await TestGateway.withRunning(config: config, plugins: plugins) { gateway in
                try await body(gateway, byName)
            }
        }
    }

    static func chat(_ gateway: TestEndpoint) async throws -> TestEndpoint.Reply {
        try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("pool"), key: masterKey)
    }
}
