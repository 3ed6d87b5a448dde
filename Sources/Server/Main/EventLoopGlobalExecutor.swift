import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Swift concurrency's global executor on NIO's event loops, with every job run as the runtime's own global
/// executor runs it: on the *generic* executor.
///
/// NIO's `unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()` puts the jobs on the same
/// event loops, but runs each one isolated to the event loop as a serial executor. The runtime then sees a task
/// that is isolated to that executor, and every call into a nonisolated async function (most of Hummingbird's,
/// AsyncHTTPClient's and the gateway's) must hop to the generic executor: one more enqueue and event-loop turn per
/// call, about 130 per request on the master-key path (callgrind, `bench/instructions`). Run as generic jobs, those
/// hops are taken inline, and a job still runs on the event loop it was enqueued from (`EventLoopGroup.any()`
/// stays on the current loop), so the request keeps to its thread.
///
/// Like NIO's installer this swaps the runtime's `swift_task_enqueueGlobal_hook`, and it builds the generic
/// executor's reference (identity and implementation both zero) by layout; both are unsafe by the same measure.
enum EventLoopGlobalExecutor {
    private typealias Original = @convention(thin) (UnownedJob) -> Void
    private typealias Hook = @convention(thin) (UnownedJob, Original) -> Void

    /// The runtime's generic executor: a null identity and implementation.
    private static let generic: UnownedSerialExecutor = {
        precondition(MemoryLayout<UnownedSerialExecutor>.size == 2 * MemoryLayout<UInt>.size)
        return unsafeBitCast((UInt(0), UInt(0)), to: UnownedSerialExecutor.self)
    }()

    /// Installs the hook; call once, from the main thread, before any task runs.
    /// - Returns: false when the runtime has no hook to set (then Swift's own pool runs the jobs).
    static func install() -> Bool {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "swift_task_enqueueGlobal_hook") else { return false }
        _ = generic
        let hook = symbol.assumingMemoryBound(to: Hook?.self)
        hook.pointee = { job, _ in
            MultiThreadedEventLoopGroup.singleton.any().execute { job.runSynchronously(on: EventLoopGlobalExecutor.generic) }
        }
        return true
    }
}
