import GatewayServer
import NIOCore
import NIOPosix

// Swift concurrency's global executor on NIO's event loops (the ones Hummingbird and the upstream client already use),
// so an awaited request does not hop between NIO's threads and Swift's cooperative pool on every await.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

await Tollgate.main(plugins: BuiltinPlugins.all)
