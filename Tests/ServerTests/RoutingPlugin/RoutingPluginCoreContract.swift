import GatewayCore
import GatewayTesting
import Synchronization

/// Whether this build's pipeline keeps the routing contract that least-busy and latency-based depend on:
/// `RoutingHook.started` before each attempt and `record` with the attempt's latency. The contract is declared
/// in Core; the attempt loop that fulfils it is built on another branch, so the HTTP tests of those two
/// strategies run once it is merged (and then can fail), and are skipped with this reason until then.
enum RoutingPluginCoreContract {
    /// Runs one request through a gateway with a probe routing hook and reports what the pipeline told it.
    static func isDelivered() async throws -> Bool {
        try await RoutingPluginUpstream.withRunning(["probe"]) { _, endpoints in
            let config = """
                model_list:
                  - model_name: pool
                    litellm_params:
                      model: openai/probe-model
                      api_base: \(endpoints[0].baseURL)/v1
                      api_key: sk-probe
                general_settings:
                  master_key: \(RoutingPluginFixture.masterKey)
                """
            let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "routing-contract-probe"}]}"#
            ContractProbeHook.reset()
            return try await TestGateway.withRunning(config: config, plugins: plugins, extraPlugins: [ContractProbePlugin.self]) { gateway in
                _ = try await RoutingPluginFixture.chat(gateway)
                return ContractProbeHook.observed.withLock { $0.started > 0 && $0.recordedLatency }
            }
        }
    }
}

/// A routing filter that only watches `started` and `record`.
struct ContractProbeHook: RoutingHook {
    struct Observed: Sendable {
        var started = 0
        var recordedLatency = false
    }

    static let observed = Mutex(Observed())

    static func reset() { observed.withLock { $0 = Observed() } }

    var ordersCandidates: Bool { false }

    func route(_ request: GatewayRequest, candidates: [Deployment]) async throws -> [Deployment] { candidates }

    func started(_ deployment: Deployment) async { Self.observed.withLock { $0.started += 1 } }

    func record(_ deployment: Deployment, outcome: CallOutcome) async {
        Self.observed.withLock { $0.recordedLatency = $0.recordedLatency || outcome.latency != nil }
    }
}

enum ContractProbePlugin: Plugin {
    static let id = "routing-contract-probe"

    static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
        PluginComponents(hooks: [ContractProbeHook()])
    }
}
