public import GatewayCore
import Logging
import PostgresNIO

/// The shared storage plugin: a Postgres database that many gateway instances use at once (plugins.json name
/// `postgres-store`). Its settings are in ``Configuration``.
///
/// `make` applies pending migrations on a short-lived connection of its own (see
/// ``PostgresGatewayStore/migrate()``), because the pooled `PostgresClient` cannot lease connections until its
/// `run()` is running, and the server starts services only after every plugin is built. It then returns the
/// store and the client; the client is the plugin's only service, so the server runs it (storage first, so it
/// shuts down last, after the writers that drain into it).
public enum PostgresStorePlugin: Plugin {
    public static let id = "postgres-store"
    public static var isStorage: Bool { true }

    /// Connects, migrates and returns the store plus the client to run.
    /// - Throws: ``PostgresURLError`` for a bad `url`; a connection or migration error (startup stops).
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let store = try PostgresGatewayStore(configuration: configuration, logger: context.logger)
        let applied = try await store.migrate()
        context.logger.info(
            "postgres store ready",
            metadata: ["database": "\(store.settings)", "applied_migrations": "\(applied)"])
        return PluginComponents(services: [store.client], store: store)
    }
}
