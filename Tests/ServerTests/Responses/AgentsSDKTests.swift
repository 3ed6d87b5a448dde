import Foundation
import GatewayTesting
import Testing

/// The OpenAI Agents SDK (PyPI `openai-agents`) runs an agent with one function tool through a real gateway
/// (`Tests/sdk/agents_check.py`): its model calls `/v1/responses`, the upstream calls the tool on the first turn and
/// answers from the tool's result on the second (``TestUpstream``'s `tool-then-answer`).
///
/// Three upstream kinds: `openai/` (the Responses API passed through), `hosted_vllm/` (an OpenAI-compatible server
/// reached by translation to chat completions) and `anthropic/` (translation to messages). The interpreter is
/// `TOLLGATE_PYTHON`, as for ``SDKCompatibilityTests``; `TOLLGATE_SKIP_SDK=1` disables the suite.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct AgentsSDKTests {
    static let models = ["agent-openai": "openai", "agent-compatible": "hosted_vllm", "agent-anthropic": "anthropic"]

    @Test(.timeLimit(.minutes(3)))
    func agentWithAFunctionToolRunsThroughTheGateway() async throws {
        guard try await PythonSDKScript.canImport("agents, openai") else { return }
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(config: Self.config(upstream: upstream), plugins: GatewayFixture.authOnly) { gateway in
                try await PythonSDKScript.run(
                    "agents_check.py", gateway: gateway, key: GatewayFixture.masterKey,
                    environment: ["AGENT_MODELS": Self.models.keys.sorted().joined(separator: ",")])
            }
            // Each second turn carried the tool's output back to the upstream, in the upstream's own format.
            let calls = await recorder.calls
            var paths: [String: Int] = [:]
            for call in calls where call.model == "tool-then-answer" { paths[call.path, default: 0] += 1 }
            // 3 runs of 2 turns per model.
            #expect(paths == ["/v1/responses": 6, "/v1/chat/completions": 6, "/v1/messages": 6])
        }
    }

    static func config(upstream: TestEndpoint) -> String {
        let entries = models.sorted(by: { $0.key < $1.key }).map { name, provider in
            """
              - model_name: \(name)
                litellm_params:
                  model: \(provider)/tool-then-answer
                  api_base: \(provider == "anthropic" ? upstream.baseURL : upstream.baseURL + "/v1")
                  api_key: sk-upstream
                  timeout: 20
            """
        }
        return """
            model_list:
            \(entries.joined(separator: "\n"))
            general_settings:
              master_key: \(GatewayFixture.masterKey)
            """
    }
}
