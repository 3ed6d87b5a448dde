import Foundation
import GatewayTesting

#if canImport(Glibc)
    import Glibc
#endif

/// Child processes started with `posix_spawn` instead of Foundation's `Process`.
///
/// Foundation's `Process.run()` on Linux (Swift 6.3.1) over-reads a `dirent` while it lists `/proc/self/fd`
/// (swift-corelibs-foundation PR #5472, merged upstream, not in this toolchain) and crashes now and then when the
/// process holds many descriptors, as it does while a load test keeps a thousand connections open. Stdout and
/// stderr go to one pipe; stdin is /dev/null; the child starts in `currentDirectory` when given.
struct SpawnedProcess: Sendable {
    let pid: pid_t
    /// The read end of the child's stdout and stderr.
    let output: Int32

    /// Spawns while no other child is being started (``ChildSpawns``): from making the pipe to the spawn, so no
    /// other child inherits this pipe before its ends are marked close-on-exec (a reader would then wait for that
    /// other child to exit).
    init(executable: String, arguments: [String], environment: [String: String], currentDirectory: String?) throws {
        (pid, output) = try ChildSpawns.exclusively {
            try Self.spawn(executable: executable, arguments: arguments, environment: environment, currentDirectory: currentDirectory)
        }
    }

    private static func spawn(executable: String, arguments: [String], environment: [String: String], currentDirectory: String?) throws
        -> (pid: pid_t, output: Int32)
    {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError("pipe failed: errno \(errno)") }
        // Not inherited by other children spawned meanwhile; the dup2s below give this child its own copies.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        closeInherited(&actions)
        // `env -C DIR` starts the program in DIR (glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift).
        let command = currentDirectory.map { ["/usr/bin/env", "-C", $0, executable] + arguments } ?? [executable] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var attributes = defaultSignals()
        defer { posix_spawnattr_destroy(&attributes) }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw SpawnError("cannot start \(executable): errno \(status)")
        }
        return (pid, fds[0])
    }

    /// Closes every descriptor above stderr in the child. The test process holds hundreds of connections, files
    /// and pipes that are not all close-on-exec; a child inheriting them fails where it counts its own (a Postgres
    /// started with ~980 inherited descriptors refused to start: "insufficient file descriptors available").
    /// glibc 2.34+'s `posix_spawn_file_actions_addclosefrom_np` is behind `_GNU_SOURCE`, so it is looked up.
    private static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
    }

    /// Spawn attributes that give the child default signal handling and no blocked signals. The test process ignores
    /// SIGTERM and SIGINT (swift-service-lifecycle watches them through Dispatch), and an ignored signal stays ignored
    /// across exec: an nginx started from here once outlived its SIGTERM.
    private static func defaultSignals() -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        return attributes
    }

    /// Reads the output until the child closes it (blocking; call from a thread of its own or a short command).
    func readAll(_ chunk: (Data) -> Void) {
        var bytes = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(output, &bytes, bytes.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            chunk(Data(bytes[0..<count]))
        }
        close(output)
    }

    /// Waits for the child to end. - Returns: its exit status (128 + the signal for one killed by a signal).
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return Self.decode(status)
    }

    func signal(_ number: Int32) { _ = kill(pid, number) }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

struct SpawnError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
