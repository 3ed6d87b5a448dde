import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback port nothing listens on now, for a server the test starts on it (and may stop and start again).
///
/// Picked below the kernel's ephemeral range (`net.ipv4.ip_local_port_range`), which outgoing connections take
/// their local ports from: a port from that range can be handed to one of the thousands of client connections a
/// test run opens between the pick and the server's bind, or while the server is stopped for a restart (a
/// restarted Postgres cluster then could not start).
enum FreeLoopbackPort {
    static func pick() throws -> Int {
        let below = ephemeralRangeStart()
        for _ in 0..<200 {
            let port = Int.random(in: 10_000..<below)
            if try isFree(port) { return port }
        }
        throw TestFailure("no free loopback port below \(below) after 200 tries")
    }

    /// The first port of the ephemeral range (32768 when it cannot be read, Linux's default).
    private static func ephemeralRangeStart() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let start = text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
        return max(start, 20_000)
    }

    /// Whether `port` can be bound on 127.0.0.1 now.
    private static func isFree(_ port: Int) throws -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestFailure("socket failed: errno \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 }
        }
    }
}
