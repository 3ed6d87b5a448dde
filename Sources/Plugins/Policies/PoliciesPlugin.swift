public import GatewayCore
import Logging

/// `policies`: LiteLLM's versioned guardrail policies. A policy is a named set of guardrails (`guardrails_add`,
/// `guardrails_remove`, `inherit`) with a model condition; its versions go draft → published → production, and
/// attachments bind it to every request or to teams, keys, models and tags (see ``PolicyRoutes``).
///
/// Before the guardrail hooks run, each request's policies are resolved from an in-memory registry (no store
/// round trip per request) and their guardrails handed to the `guardrails` plugin, which enforces them like a
/// key's own; so plugins.json lists `policies` after the auth plugins and before `guardrails`. A published version
/// in shadow mode runs its guardrails beside production without blocking, and the spend log records what they
/// would have done (`metadata.shadow_guardrails`).
///
/// The registry is re-read after every write in this process, in full when another gateway process sharing a
/// Postgres database notifies a change, and in full every `refresh_seconds` in case a notification was missed.
///
/// config.yaml's `policies` and `policy_attachments` (LiteLLM's format, ``ConfiguredPolicies``) are laid over the
/// stored ones: each is a production version no route can change, and it hides a stored policy of the same name.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `refresh_seconds` | number | 10 |
public enum PoliciesPlugin: Plugin {
    public static let id = "policies"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["refresh_seconds"]
        public var refreshSeconds: Double

        enum CodingKeys: String, CodingKey {
            case refreshSeconds = "refresh_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            refreshSeconds = try container.decodeIfPresent(Double.self, forKey: .refreshSeconds) ?? 10
            try InputRange.settingSeconds(refreshSeconds, key: "refresh_seconds")
        }
    }

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        guard let store = context.store else {
            throw ConfigError("plugin 'policies' needs a storage plugin (sqlite-store or postgres-store) enabled in plugins.json")
        }
        // Plugins are made in plugins.json order: names already declared mean a guardrail plugin comes first, and
        // its hook would run before this one had chosen the request's policy guardrails.
        if !context.guardrails.all.isEmpty {
            throw ConfigError("plugin 'policies' must be listed before the guardrail plugins in plugins.json (it chooses the guardrails they run)")
        }
        let configured = try ConfiguredPolicies(
            policies: context.config.policies, attachments: context.config.policyAttachments, guardrails: context.guardrails)
        for warning in configured.warnings { context.logger.warning("\(warning)") }
        let registry = PolicyRegistry(configured: configured)
        // A store that is down at startup does not stop the gateway; until the policies are read, requests are
        // refused (503) rather than run without the guardrails their policies would add.
        let initial = StartupLoad("guardrail policies", store: store, logger: context.logger) { try await registry.reloadAll(from: store) }
        try await initial.loadNow()
        let refresh = PeriodicService(
            everySeconds: configuration.refreshSeconds, logger: context.logger,
            failureMessage: "policies could not be reloaded; keeping the current ones"
        ) { try await registry.reloadAll(from: store) }
        // What another instance on the same Postgres database changed: at once, when notified.
        let notified = ReloadOnChange(
            feed: store.changes,
            matches: { change in
                switch change {
                case .policy, .policyAttachment: true
                default: false
                }
            }, logger: context.logger, failureMessage: "policies could not be reloaded after a change on another instance; keeping the current ones"
        ) { try await registry.reloadAll(from: store) }
        return PluginComponents(
            hooks: [PolicyHook(registry: registry, initial: initial)], services: [initial, refresh, notified],
            adminRoutes: PolicyRoutes(store: store, registry: registry, guardrails: context.guardrails).routes)
    }
}
