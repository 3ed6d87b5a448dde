import GatewayServer
import WordBlocker

// The `tollgate` command line with every built-in plugin plus ours; plugins.json decides which of them run.
await Tollgate.main(plugins: BuiltinPlugins.all + [WordBlockerPlugin.self])
