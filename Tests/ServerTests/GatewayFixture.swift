import GatewayCore
import GatewayTesting

/// config.yaml and plugins.json for end-to-end tests against one ``TestUpstream``.
enum GatewayFixture {
    static let masterKey = "sk-test-master"
    static let upstreamKey = "sk-upstream-secret"

    /// Models: `gpt-test` (OpenAI format) and `claude-test` (Anthropic format), plus, for each failure mode of the
    /// test upstream, `openai-<mode>` and `anthropic-<mode>`; `refused` points at a closed port. The deployments'
    /// timeout is long enough for the test upstream on a machine loaded by the whole suite running in parallel; only
    /// the `*-hang` models, which never answer, take `hangTimeout`.
    static func config(upstream: TestEndpoint, hangTimeout: Double = 15, extra: String = "", generalSettings: String = "") -> String {
        let timeout = 15.0
        let modes =
            [
                "slow-stream", "one-write-stream", "tool-call", "status-500", "status-429", "status-400", "status-401", "not-json", "cut-stream",
                "hang", "truncated-body",
            ]
            + UpstreamCredentialEchoTests.modes
        var models = [
            entry("gpt-test", "openai/echo", base: "\(upstream.baseURL)/v1", timeout: timeout),
            entry("claude-test", "anthropic/echo", base: upstream.baseURL, timeout: timeout),
            entry("refused", "openai/echo", base: "http://127.0.0.1:1/v1", timeout: timeout),
        ]
        for mode in modes {
            let modeTimeout = mode == "hang" ? hangTimeout : timeout
            models.append(entry("openai-\(mode)", "openai/\(mode)", base: "\(upstream.baseURL)/v1", timeout: modeTimeout))
            models.append(entry("anthropic-\(mode)", "anthropic/\(mode)", base: upstream.baseURL, timeout: modeTimeout))
        }
        return """
            model_list:
            \(models.joined(separator: "\n"))
            \(extra)
            general_settings:
              master_key: \(masterKey)
            \(generalSettings)
            """
    }

    private static func entry(_ name: String, _ model: String, base: String, timeout: Double) -> String {
        """
          - model_name: \(name)
            litellm_params:
              model: \(model)
              api_base: \(base)
              api_key: \(upstreamKey)
              timeout: \(timeout)
            model_info:
              input_cost_per_token: 0.001
              output_cost_per_token: 0.002
        """
    }

    static let authOnly = #"{"plugins": [{"name": "master-key-auth"}]}"#

    static func chat(_ model: String, _ text: String = "hello", stream: Bool = false) -> JSON {
        ["model": .string(model), "messages": [["role": "user", "content": .string(text)]], "stream": .bool(stream)]
    }

    /// Runs a test upstream and a gateway in front of it with master-key auth.
    static func withGateway<T: Sendable>(
        hangTimeout: Double = 5, plugins: String = authOnly, generalSettings: String = "",
        _ body: (TestEndpoint, UpstreamRecorder) async throws -> T
    ) async throws -> T {
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(
                config: config(upstream: upstream, hangTimeout: hangTimeout, generalSettings: generalSettings), plugins: plugins
            ) { gateway in
                try await body(gateway, recorder)
            }
        }
    }
}

extension TestEndpoint.Reply {
    /// The OpenAI error object, when the body is one.
    var error: JSON? { json?["error"] }
}
