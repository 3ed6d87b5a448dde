import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a child spawned by the tests inherits from the test process.
struct ChildProcessTests {
    @Test func aChildInheritsOnlyStdinStdoutAndStderr() async throws {
        // A descriptor left open across exec on purpose: the child must not see it.
        let leaked = open("/dev/null", O_RDONLY)
        try #require(leaked > 2)
        defer { close(leaked) }
        let (status, output) = try await ChildProcess.run("/bin/sh", ["-c", "ls /proc/self/fd"])
        #expect(status == 0)
        // Beyond 0, 1 and 2, `ls` itself holds one: the directory it lists (3, the lowest free).
        let open = output.split(separator: "\n").compactMap { Int($0) }
        #expect(open == [0, 1, 2, 3], "the child had \(open) open; the test process leaked \(leaked)")
    }
}
