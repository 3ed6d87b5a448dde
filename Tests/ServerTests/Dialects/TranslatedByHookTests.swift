import GatewayCore
import GatewayTesting
import Testing

/// A hook that changes a native request's view in a way its native body cannot carry (here a guardrail setting
/// `temperature`) sends the call translated, even to a deployment that speaks the dialect: what only the native body
/// held (`thinking` of a `/v1/messages` request) is then refused naming it, never dropped silently.
struct TranslatedByHookTests {
    /// A guardrail that sets `temperature` on every request's view.
    enum TemperaturePlugin: Plugin {
        static let id = "set-temperature"
        typealias Configuration = NoConfiguration

        struct SetTemperature: GuardrailHook {
            func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
                request.body["temperature"] = 0.2
                return .proceed
            }
        }

        static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
            PluginComponents(hooks: [SetTemperature()])
        }
    }

    @Test func fieldsOnlyTheNativeBodyHeldAreRefusedWhenAHookForcesTranslation() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = GatewayFixture.config(upstream: upstream)
            let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "set-temperature"}]}"#
            try await TestGateway.withRunning(config: config, plugins: plugins, extraPlugins: [TemperaturePlugin.self]) { gateway in
                let body: JSON = [
                    "model": "claude-test", "max_tokens": 2048, "thinking": ["type": "enabled", "budget_tokens": 1024],
                    "messages": [["role": "user", "content": "hi"]],
                ]
                let reply = try await gateway.post(
                    "/v1/messages", json: body, headers: ["x-api-key": GatewayFixture.masterKey, "anthropic-version": "2023-06-01"])
                #expect(reply.status == 400, "\(reply.body)")
                #expect(reply.error?["param"] == "thinking" && reply.error?["code"] == "unsupported_params", "\(reply.body)")
                #expect(reply.error?["message"]?.stringValue?.contains("a hook changed the request") == true, "\(reply.body)")
                #expect(await recorder.calls.isEmpty)

                var plain = body
                plain["thinking"] = nil
                let translated = try await gateway.post(
                    "/v1/messages", json: plain, headers: ["x-api-key": GatewayFixture.masterKey, "anthropic-version": "2023-06-01"])
                #expect(translated.status == 200, "nothing is lost: \(translated.body)")
                #expect(await recorder.last?.body["temperature"] == 0.2, "the hook's change reached the upstream")
            }
        }
    }
}
