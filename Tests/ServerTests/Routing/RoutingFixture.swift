import GatewayCore
import GatewayTesting
import Synchronization

/// config.yaml pieces for the attempt-loop tests: model groups over loopback test upstreams, each deployment's
/// behaviour chosen by its upstream model name (``TestUpstream``'s modes).
enum RoutingFixture {
    static let key = GatewayFixture.masterKey

    /// One `model_list` entry.
    static func entry(
        _ group: String, _ mode: String, upstream: TestEndpoint?, id: String? = nil, order: Int? = nil, anthropic: Bool = false, extra: String = ""
    ) -> String {
        let base = upstream.map { anthropic ? $0.baseURL : "\($0.baseURL)/v1" } ?? "http://127.0.0.1:1/v1"
        var lines = [
            "  - model_name: \(group)", "    litellm_params:", "      model: \(anthropic ? "anthropic" : "openai")/\(mode)",
            "      api_base: \(base)", "      api_key: sk-upstream", "      timeout: 15",
        ]
        if let order { lines.append("      order: \(order)") }
        if !extra.isEmpty { lines.append("      \(extra)") }
        lines += [
            "    model_info:", "      id: \(id ?? "\(group)-\(mode)")", "      input_cost_per_token: 0.001", "      output_cost_per_token: 0.002",
        ]
        return lines.joined(separator: "\n")
    }

    /// A config.yaml with these entries, the master key and `router_settings` (`retry_after: 0.01` unless given;
    /// each setting one YAML line without indentation, e.g. `num_retries: 2`).
    static func config(_ entries: [String], routerSettings: [String] = []) -> String {
        var settings = routerSettings
        if !settings.contains(where: { $0.hasPrefix("retry_after:") }) { settings.append("retry_after: 0.01") }
        return (["model_list:"] + entries + ["general_settings:", "  master_key: \(key)", "router_settings:"] + settings.map { "  " + $0 })
            .joined(separator: "\n")
    }

    static func chat(_ model: String, stream: Bool = false, extra: [String: JSON] = [:]) -> JSON {
        var body = GatewayFixture.chat(model, stream: stream)
        for (name, value) in extra { body[name] = value }
        return body
    }
}

/// A plugin for these tests: a routing hook and a budget hook that count, per test label (the plugin's `label`), the
/// routing hooks' `started` and `record` per deployment and the budget commits per request.
enum AttemptProbePlugin: Plugin {
    static let id = "attempt-probe"

    struct Configuration: PluginConfiguration {
        static let keys: Set<String> = ["label"]
        var label = ""

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            label = try container.decodeIfPresent(String.self, forKey: .label) ?? ""
        }

        enum Key: String, CodingKey { case label }
    }

    struct Counts: Sendable {
        var started: [String] = []
        var recorded: [(deployment: String, error: String?, attempts: Int, hasLatency: Bool, hasTimeToFirstToken: Bool)] = []
        var commits: [(request: String, deployment: String?, attempts: Int, error: String?)] = []
    }

    static let counts = Mutex<[String: Counts]>([:])

    static func counts(_ label: String) -> Counts { counts.withLock { $0[label] ?? Counts() } }

    static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        PluginComponents(hooks: [Hook(label: configuration.label)])
    }

    struct Hook: RoutingHook, BudgetHook {
        let label: String

        var ordersCandidates: Bool { false }

        func route(_ request: GatewayRequest, candidates: [Deployment]) async throws -> [Deployment] { candidates }

        func started(_ deployment: Deployment) async {
            AttemptProbePlugin.counts.withLock { $0[label, default: Counts()].started.append(deployment.id) }
        }

        func record(_ deployment: Deployment, outcome: CallOutcome) async {
            AttemptProbePlugin.counts.withLock {
                $0[label, default: Counts()].recorded.append(
                    (deployment.id, outcome.error?.code, outcome.attempts, outcome.latency != nil, outcome.timeToFirstToken != nil))
            }
        }

        func reserve(_ request: GatewayRequest) async throws -> HookDecision { .proceed }

        func commit(_ request: GatewayRequest, outcome: CallOutcome) async {
            AttemptProbePlugin.counts.withLock {
                $0[label, default: Counts()].commits.append((request.id, outcome.deployment?.id, outcome.attempts, outcome.error?.code))
            }
        }
    }

    static func plugins(label: String) -> String {
        #"{"plugins": [{"name": "master-key-auth"}, {"name": "attempt-probe", "config": {"label": "\#(label)"}}]}"#
    }
}
