public import GatewayCore
import Logging
import PostgresNIO

/// The shared storage plugin: a Postgres database that many gateway instances use at once (plugins.json name
/// `postgres-store`). Its settings are in ``Configuration``.
///
/// `make` returns the store and its client; the client is the plugin's only service, so the server runs it
/// (storage first, so it shuts down last, after the writers that drain into it). The gateway then applies
/// pending migrations, which run on a short-lived connection of their own (see
/// ``PostgresGatewayStore/migrate()``) because the pooled `PostgresClient` cannot lease connections until its
/// `run()` is running, and services start only after every plugin is built.
public enum PostgresStorePlugin: Plugin {
    public static let id = "postgres-store"
    public static var isStorage: Bool { true }

    /// Returns the store plus the client to run.
    /// - Throws: ``PostgresURLError`` for a bad `url`.
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let store = try PostgresGatewayStore(configuration: configuration, logger: context.logger)
        context.logger.info("postgres store configured", metadata: ["database": "\(store.settings)"])
        return PluginComponents(services: [store.client], store: store)
    }
}
