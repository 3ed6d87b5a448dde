import Dispatch
import Foundation
import GatewayCore
import GatewayTesting

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A client that goes away in the middle of a stream, as a user closing a chat window does: a raw socket that reads
/// the first bytes of the stream and then resets the connection (`SO_LINGER` 0), so the gateway's next write fails
/// at once instead of landing in a socket buffer.
enum StreamingClient {
    /// Sends a streamed request, reads up to its first `data:` event, then resets the connection.
    /// - Returns: the request's `x-request-id`.
    static func readFirstChunkAndLeave(_ endpoint: TestEndpoint, path: String, body: JSON, key: String) async throws -> String {
        let payload = body.serializedString()
        let request =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(payload.utf8.count)\r\n\r\n\(payload)"
        // Blocking socket calls run on a Dispatch thread, not on the test's cooperative pool.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try exchange(port: endpoint.port, request: request) })
            }
        }
    }

    private static func exchange(port: Int, request: String) throws -> String {
        let socket = try connect(port: port)
        defer { reset(socket) }
        var bytes = Array(request.utf8)
        while !bytes.isEmpty {
            let sent = send(socket, bytes, bytes.count, 0)
            guard sent > 0 else { throw TestFailure("could not send the request") }
            bytes.removeFirst(sent)
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else {
                throw TestFailure("the gateway closed before the stream's first event: \(String(decoding: received, as: UTF8.self))")
            }
            received += buffer[..<count]
            let text = String(decoding: received, as: UTF8.self)
            guard let headerEnd = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<headerEnd.lowerBound]
            guard head.hasPrefix("HTTP/1.1 200") else { throw TestFailure("the stream did not start: \(text)") }
            guard text[headerEnd.upperBound...].contains("data:") else { continue }
            let idLine = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-request-id:") }
            guard let idLine else { throw TestFailure("no x-request-id in \(head)") }
            return idLine.dropFirst("x-request-id:".count).trimmingCharacters(in: .whitespaces)
        }
    }

    private static func connect(port: Int) throws -> Int32 {
        #if canImport(Glibc)
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw TestFailure("no socket") }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                    Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                    Darwin.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
        guard connected == 0 else {
            close(socket)
            throw TestFailure("could not connect to port \(port)")
        }
        return socket
    }

    /// Closes with a reset rather than an orderly shutdown.
    private static func reset(_ socket: Int32) {
        var abort = linger(l_onoff: 1, l_linger: 0)
        setsockopt(socket, SOL_SOCKET, SO_LINGER, &abort, socklen_t(MemoryLayout<linger>.size))
        close(socket)
    }
}
