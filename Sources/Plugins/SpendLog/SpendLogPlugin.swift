public import GatewayCore

/// `spend-log`: writes one spend-log row per finished request to the store, in batches, behind the request path,
/// and serves `/spend/logs` and `/global/spend` (``SpendRoutes``).
///
/// Each row is appended to a local journal (``SpendJournal``) as the logging queue hands it over, then written
/// every `flush_interval_seconds`, or as soon as `batch_size` are waiting, and once more on graceful shutdown; the
/// journal is fsync'd on each flush. The store adds each new row's spend to its scopes' counters in the same
/// transaction (``SpendCounterStore``), so the counters are exactly the sum of the rows. A failed write keeps the
/// rows for the next flush (writes are idempotent by request id): a store outage delays rows, never drops them,
/// and past `max_buffered` rows they wait in the journal only, so memory stays bounded. Rows a gateway left in
/// its journal (killed, or stopped with the store down) are replayed when one starts on that journal again.
/// Keys: ``Configuration``.
public enum SpendLogPlugin: Plugin {
    public static let id = "spend-log"

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        guard let store = context.store else {
            throw ConfigError("plugin 'spend-log' needs a storage plugin (sqlite-store or postgres-store) enabled in plugins.json")
        }
        var journal: SpendJournal?
        if configuration.journal {
            do {
                journal = try SpendJournal(directory: configuration.journalDirectory ?? store.spendJournalDirectory, logger: context.logger)
            } catch {
                throw ConfigError("plugin 'spend-log' cannot open its journal (config key 'config.journal_dir'): \(error)")
            }
        }
        let writer = SpendLogWriter(
            store: store, batchSize: configuration.batchSize, maxBuffered: configuration.maxBuffered,
            writeTimeout: configuration.writeTimeoutSeconds, journal: journal, logger: context.logger,
            metrics: SpendLogMetrics(factory: context.metrics.factory), alerts: context.alerts, instanceID: context.instanceID)
        return PluginComponents(
            hooks: [SpendLogHook(writer: writer)],
            services: [SpendLogFlusher(writer: writer, interval: configuration.flushIntervalSeconds)],
            adminRoutes: SpendRoutes(store: store).routes)
    }
}
