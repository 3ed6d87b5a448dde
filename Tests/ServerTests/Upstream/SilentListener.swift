import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback port whose host never answers a connection attempt: a listening socket that never accepts, its accept
/// queue filled by connections of its own, so the kernel drops every further SYN (as a firewall that drops, or a
/// host that is down, would). An upstream on it takes the whole connect timeout to fail.
final class SilentListener: @unchecked Sendable {
    // Unchecked: the descriptors are written once, in init, and closed once, in stop().
    let port: Int
    private let listener: Int32
    private var fillers: [Int32] = []

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw TestFailure("socket failed: errno \(errno)") }
        var address = Self.loopback(port: 0)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard bound == 0, listen(listener, 0) == 0 else {
            close(listener)
            throw TestFailure("bind/listen failed: errno \(errno)")
        }
        var actual = sockaddr_in()
        var actualLength = length
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &actualLength) }
        }
        self.listener = listener
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        // Connect until one attempt stays unanswered: the queue is full from then on.
        for _ in 0..<16 {
            let (socket, connected) = try connectOnce(within: 0.3)
            fillers.append(socket)
            if !connected { return }
        }
        stop()
        throw TestFailure("the accept queue of port \(port) never filled")
    }

    /// Starts a non-blocking connect and waits up to `seconds` for it to complete.
    private func connectOnce(within seconds: Double) throws -> (Int32, Bool) {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard client >= 0 else { throw TestFailure("socket failed: errno \(errno)") }
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
        var address = Self.loopback(port: port)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) } }
        if result == 0 { return (client, true) }
        guard errno == EINPROGRESS else { throw TestFailure("connect failed: errno \(errno)") }
        var poller = pollfd(fd: client, events: Int16(POLLOUT), revents: 0)
        return (client, poll(&poller, 1, Int32(seconds * 1000)) > 0)
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        return address
    }

    private var stopped = false

    func stop() {
        guard !stopped else { return }
        stopped = true
        for socket in fillers { close(socket) }
        fillers = []
        close(listener)
    }
}
