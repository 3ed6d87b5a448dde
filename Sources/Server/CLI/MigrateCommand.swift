import ArgumentParser
import AsyncHTTPClient
import Foundation
import GatewayCore
import Logging
import ServiceLifecycle

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations of the storage plugin in plugins.json, then exit. (serve also applies them at startup.)")

    @OptionGroup var files: FileOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = Logger(label: "tollgate.migrate")
        let config = try files.config.map { try ConfigFile.load(path: $0, environment: environment) } ?? GatewayConfig()
        let manifest = try GatewayBuilder.loadManifest(path: files.plugins)
        let registry = PluginRegistry(KnownPlugins.types)
        try registry.validate(manifest)
        let storageOnly = PluginManifest(entries: manifest.entries.filter { $0.enabled && registry.plugin(named: $0.name)?.isStorage == true })
        guard !storageOnly.entries.isEmpty else { throw ValidationError("plugins.json enables no storage plugin; nothing to migrate") }

        let httpClient = GatewayBuilder.makeHTTPClient()
        let context = PluginContext(logger: logger, config: config, store: nil, httpClient: httpClient, environment: environment)
        let loaded = try await registry.build(storageOnly, context: context)
        guard let store = loaded.store else { throw ValidationError("the storage plugin provided no store") }
        // The store's own services (a connection pool) must run while it is used.
        let services = ServiceGroup(services: loaded.services, gracefulShutdownSignals: [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let applied = loaded.appliedMigrations
            let version = try await store.schemaVersion()
            print(
                applied.isEmpty
                    ? "\(store.kind): schema is current at version \(version)"
                    : "\(store.kind): applied \(applied.map(String.init).joined(separator: ", ")); schema at version \(version)")
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
        try await httpClient.shutdown()
    }
}
