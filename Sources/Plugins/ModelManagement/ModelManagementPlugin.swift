public import GatewayCore

/// `model-management`: models added, changed and deleted at runtime through LiteLLM's `/model/*` API, stored in
/// the database (LiteLLM's `store_model_in_db`) and routable at once.
///
/// Provider credentials in `litellm_params` are encrypted with AES-256-GCM before they are stored, with a key
/// taken from an environment variable (never from a file in the repository); startup stops when it is missing.
/// Other processes sharing a Postgres database reload the stored models when its change notification arrives, and
/// every `refresh_seconds` in case one was missed. When the store cannot be reached
/// at startup, the gateway starts with config.yaml's models and adds the stored ones as soon as it can.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `encryption_key_env` | environment variable name | `TOLLGATE_ENCRYPTION_KEY` |
/// | `refresh_seconds` | number | 30 |
public enum ModelManagementPlugin: Plugin {
    public static let id = "model-management"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["encryption_key_env", "refresh_seconds"]
        public var encryptionKeyVariable: String
        public var refreshSeconds: Double

        enum CodingKeys: String, CodingKey {
            case encryptionKeyVariable = "encryption_key_env"
            case refreshSeconds = "refresh_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            encryptionKeyVariable = try container.decodeIfPresent(String.self, forKey: .encryptionKeyVariable) ?? "TOLLGATE_ENCRYPTION_KEY"
            refreshSeconds = try container.decodeIfPresent(Double.self, forKey: .refreshSeconds) ?? 30
            try InputRange.settingSeconds(refreshSeconds, key: "refresh_seconds")
        }
    }

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        guard let store = context.store else {
            throw ConfigError("plugin 'model-management' needs a storage plugin (sqlite-store or postgres-store) enabled in plugins.json")
        }
        let variable = configuration.encryptionKeyVariable
        guard let secret = context.environment[variable] else {
            throw ConfigError(
                "plugin 'model-management' needs the environment variable \(variable): it encrypts provider credentials "
                    + "stored through /model/new (e.g. export \(variable)=\"$(openssl rand -base64 32)\")")
        }
        let manager = ModelManager(
            store: store, models: context.models, cipher: try CredentialCipher(secret: secret, variable: variable),
            environment: context.environment, prices: context.config.prices, logger: context.logger)
        // A store that is down at startup does not stop the gateway: stored models are read once it is back.
        let initial = StartupLoad("stored models", store: store, logger: context.logger) { try await manager.reload() }
        try await initial.loadNow()
        // The backstop: models another gateway process added, changed or deleted reach this one within the interval.
        let refresh = PeriodicService(
            everySeconds: configuration.refreshSeconds, logger: context.logger,
            failureMessage: "stored models could not be reloaded; keeping the current ones"
        ) { try await manager.reload() }
        // Models another instance on the same Postgres database added, changed or deleted: at once, when notified.
        let notified = ReloadOnChange(
            feed: store.changes, matches: { if case .entity(.model, _) = $0 { true } else { false } }, logger: context.logger,
            failureMessage: "stored models could not be reloaded after a change on another instance; keeping the current ones"
        ) { try await manager.reload() }
        return PluginComponents(
            services: [initial, refresh, notified], adminRoutes: ModelRoutes(manager: manager, access: ModelWriteAccess(store: store)).routes)
    }
}
