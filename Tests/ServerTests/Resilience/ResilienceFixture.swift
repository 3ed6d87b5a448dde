import GatewayCore
import GatewayTesting
import NIOHTTP1

/// A gateway in front of a ``HeldUpstream`` with two models on it: `held` (calls wait until the test releases them)
/// and `quick` (answers at once), both on the same upstream host, so they share its connection pool.
enum ResilienceFixture {
    static let key = GatewayFixture.masterKey

    /// - Parameters:
    ///   - generalSettings: `general_settings` lines beyond the master key (`key: value`).
    ///   - routerSettings: `router_settings` lines.
    ///   - heldParams: extra `litellm_params` lines of the `held` model.
    static func withGateway<T: Sendable>(
        generalSettings: [String] = [], routerSettings: [String] = [], heldParams: [String] = [], plugins: String = GatewayFixture.authOnly,
        _ body: (TestEndpoint, HeldUpstream) async throws -> T
    ) async throws -> T {
        try await HeldUpstream.withRunning { upstream in
            let config = """
                model_list:
                \(model("held", upstream: upstream, extra: heldParams))
                \(model("quick", upstream: upstream))
                general_settings:
                  master_key: \(key)
                \(generalSettings.map { "  " + $0 }.joined(separator: "\n"))
                router_settings:
                  num_retries: 0
                \(routerSettings.map { "  " + $0 }.joined(separator: "\n"))
                """
            return try await TestGateway.withRunning(config: config, plugins: plugins) { gateway in
                try await body(gateway, upstream)
            }
        }
    }

    private static func model(_ name: String, upstream: HeldUpstream, extra: [String] = []) -> String {
        """
          - model_name: \(name)
            litellm_params:
              model: openai/\(name)
              api_base: \(upstream.apiBase)
              api_key: sk-upstream
              timeout: 120
              input_cost_per_token: 0
        \(extra.map { "      " + $0 }.joined(separator: "\n"))
        """
    }

    static func chat(_ model: String, stream: Bool = false) -> JSON {
        ["model": .string(model), "messages": [["role": "user", "content": "hello"]], "stream": .bool(stream)]
    }

    /// A chat call with the master key, given five minutes (the shared client's 30 s can pass on a machine running
    /// the whole suite, and a held call waits for the test to release it).
    static func call(_ gateway: TestEndpoint, _ model: String, stream: Bool = false) async throws -> TestEndpoint.Reply {
        try await gateway.request(
            .POST, "/v1/chat/completions", body: chat(model, stream: stream).serializedString(), headers: ["authorization": "Bearer \(key)"],
            timeout: 300)
    }

    /// Starts `count` calls to `held` and returns once the upstream holds them all.
    static func hold(_ count: Int, on gateway: TestEndpoint, upstream: HeldUpstream) async throws -> [Task<TestEndpoint.Reply, any Error>] {
        let before = await upstream.gate.arrived
        let calls = (0..<count).map { _ in
            Task { try await call(gateway, "held") }
        }
        try await withTimeout(seconds: 60) { try await upstream.gate.waitForArrivals(before + count) }
        return calls
    }
}
