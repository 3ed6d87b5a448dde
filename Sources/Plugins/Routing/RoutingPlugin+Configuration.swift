public import GatewayCore

extension RoutingPlugin {
    /// The plugin's `config` object: the keys of ``RoutingSettings``, each overriding config.yaml's
    /// `router_settings` value of the same name. Checked when plugins.json is read, so a bad value stops startup
    /// naming the key.
    public struct Configuration: PluginConfiguration {
        public static let keys = RoutingSettings.keys

        /// The members as written.
        public var values: [String: JSON]

        /// - Throws: ``ConfigError`` naming the first key with a bad value.
        public init(_ values: [String: JSON] = [:]) throws {
            self.values = values
            _ = try overriding(RoutingSettings())
        }

        public init(from decoder: any Decoder) throws {
            try self.init(try JSON(from: decoder).objectValue ?? [:])
        }

        /// `settings` with these values laid over them.
        /// - Throws: ``ConfigError`` naming the first key with a bad value.
        func overriding(_ settings: RoutingSettings) throws -> RoutingSettings {
            try settings.merging(values) { "config key 'config.\($0)'" }
        }
    }
}
