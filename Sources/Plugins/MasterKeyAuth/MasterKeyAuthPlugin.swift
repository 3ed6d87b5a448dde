public import GatewayCore

/// `master-key-auth`: accepts the gateway's master key as an admin credential.
///
/// The key comes from the plugin's `config.master_key`, else config.yaml's `general_settings.master_key`, else
/// the `TOLLGATE_MASTER_KEY` or `LITELLM_MASTER_KEY` environment variable; with none, startup stops. Any other
/// credential is "not mine" (the next auth plugin may know it; with none, 401).
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `master_key` | string or `os.environ/NAME` | config.yaml's `general_settings.master_key` |
public enum MasterKeyAuthPlugin: Plugin {
    public static let id = "master-key-auth"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["master_key"]
        public var masterKey: String?

        enum CodingKeys: String, CodingKey { case masterKey = "master_key" }
    }

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let candidates = [
            configuration.masterKey, context.config.masterKey, context.environment["TOLLGATE_MASTER_KEY"],
            context.environment["LITELLM_MASTER_KEY"],
        ]
        guard let masterKey = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw ConfigError(
                "plugin 'master-key-auth' needs a master key: set general_settings.master_key in config.yaml, "
                    + "config.master_key in plugins.json, or TOLLGATE_MASTER_KEY")
        }
        return PluginComponents(hooks: [MasterKeyAuthenticator(masterKey: masterKey)])
    }
}
