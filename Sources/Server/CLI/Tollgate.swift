import ArgumentParser
public import GatewayCore

/// The `tollgate` command line, reusable by a third party's own executable:
///
/// ```swift
/// // main.swift of a package that adds a plugin
/// import GatewayServer
/// await Tollgate.main(plugins: BuiltinPlugins.all + [BlockWordPlugin.self])
/// ```
public enum Tollgate {
    /// Parses the process arguments and runs `serve` (the default) or `migrate`.
    /// - Parameter plugins: the plugin types plugins.json may name.
    public static func main(plugins: [any Plugin.Type] = BuiltinPlugins.all) async {
        KnownPlugins.types = plugins
        await TollgateCommand.main()
    }
}

/// The plugin types the commands build from; set once by ``Tollgate/main(plugins:)`` before parsing.
enum KnownPlugins {
    nonisolated(unsafe) static var types: [any Plugin.Type] = BuiltinPlugins.all
}
