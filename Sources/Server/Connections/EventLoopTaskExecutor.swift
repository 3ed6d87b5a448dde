import NIOCore

/// A channel's event loop as a task executor (SE-0417), so a connection's task and the tasks it starts run on the
/// loop that does the connection's I/O, with no hop between executors in between.
///
/// NIO's global-executor takeover (main.swift) already runs every job on an event loop, but it runs each one as the
/// loop's *serial* executor: every return from an actor or an `isolation:`-taking helper to nonisolated code is then
/// a switch to the generic executor, one enqueue and one trip through the loop's task queue, about 100 a request.
/// Run as a task executor the job's serial executor is the generic one, so those switches continue in place; only
/// real suspensions (waiting for a socket, a timer, another thread) come back through the loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
