import GatewayServer

await Tollgate.main(plugins: BuiltinPlugins.all)
