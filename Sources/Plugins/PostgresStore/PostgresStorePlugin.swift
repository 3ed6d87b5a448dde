public import GatewayCore
import Logging
import PostgresNIO

/// The shared storage plugin: a Postgres database that many gateway instances use at once (plugins.json name
/// `postgres-store`). Its settings are in ``Configuration``.
///
/// `make` starts the store's pooled client at once (``PostgresConnector``), so plugins built after storage can
/// use the store while they are built; the connector is the plugin's first service and shuts down last, after the
/// writers that drain into the store. The second, ``PostgresChangeListener``, hears what other instances sharing the
/// database changed (see ``PostgresGatewayStore/changes``). Migrations run on a short-lived connection of their own (see
/// ``PostgresGatewayStore/migrate()``), which also serves `tollgate migrate`.
///
/// A database that cannot be reached does not stop the gateway: it starts, `/health/readiness` answers 503 with
/// the reason, calls that need the store answer 503 `storage_unavailable` at once, and the connector connects,
/// migrates and recovers by itself (see ``PostgresConnector``).
public enum PostgresStorePlugin: Plugin {
    public static let id = "postgres-store"
    public static var isStorage: Bool { true }

    /// Returns the store plus the connector to run.
    /// - Throws: ``PostgresURLError`` for a bad `url`.
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let store = try PostgresGatewayStore(configuration: configuration, logger: context.logger)
        context.logger.info("postgres store configured", metadata: ["database": "\(store.settings)"])
        return PluginComponents(services: [PostgresConnector(store: store), PostgresChangeListener(store: store)], store: store)
    }
}
