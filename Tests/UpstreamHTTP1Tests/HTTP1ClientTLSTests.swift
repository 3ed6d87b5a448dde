import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Testing

@testable import UpstreamHTTP1

/// `https://` upstreams: TLS with the host's certificate verified (by name, or by address for an IP), the same
/// keep-alive reuse, and a body that ends at the close of a TLS peer that sends no close_notify.
@Suite struct HTTP1ClientTLSTests {
    static let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    static func client(trusting certificate: NIOSSLCertificate?) -> HTTP1Client {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let certificate { tls.trustRoots = .certificates([certificate]) }
        return HTTP1Client(group: loop, configuration: .init(connectTimeout: .seconds(2), tls: tls))
    }

    func get(_ client: HTTP1Client, _ url: String) async throws -> String {
        let response = try await client.execute(.GET, url: url, headers: [:], body: nil, deadline: .now() + .seconds(5))
        var text = ""
        for try await piece in response.body { text += String(buffer: piece) }
        return text
    }

    @Test func httpsByNameAndByAddress() async throws {
        let identity = try TestIdentity.make()
        try await ScriptedUpstream.withRunning(tls: identity.serverContext(), script: { n, _ in .send(ScriptedUpstream.ok(#"{"n":\#(n)}"#)) }) {
            upstream in
            let client = Self.client(trusting: identity.certificate)
            let answer1 = try await get(client, "https://localhost:\(upstream.port)/v1/models")
            #expect(answer1 == #"{"n":0}"#)
            let answer2 = try await get(client, "https://localhost:\(upstream.port)/v1/models")
            #expect(answer2 == #"{"n":1}"#)
            #expect(upstream.connections == 1)
            #expect(upstream.requests.first?.header("host") == "localhost:\(upstream.port)")
            let answer3 = try await get(client, "https://127.0.0.1:\(upstream.port)/")
            #expect(answer3 == #"{"n":2}"#)
            await client.shutdown()
        }
    }

    @Test func anUntrustedCertificateFailsTheCall() async throws {
        let identity = try TestIdentity.make()
        try await ScriptedUpstream.withRunning(tls: identity.serverContext(), script: { _, _ in .send(ScriptedUpstream.ok("{}")) }) { upstream in
            // The system's trust roots do not hold the test's own certificate.
            let client = Self.client(trusting: nil)
            await #expect(throws: (any Error).self) { _ = try await get(client, "https://localhost:\(upstream.port)/") }
            #expect(upstream.requests.isEmpty)
            await client.shutdown()
        }
    }

    @Test func aBodyReadToTheCloseEndsThereWithoutCloseNotify() async throws {
        let identity = try TestIdentity.make()
        let answer = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{\"whole\":true}"
        try await ScriptedUpstream.withRunning(tls: identity.serverContext(), script: { _, _ in .sendAndCloseSocket(answer) }) { upstream in
            let client = Self.client(trusting: identity.certificate)
            let answer4 = try await get(client, "https://localhost:\(upstream.port)/")
            #expect(answer4 == #"{"whole":true}"#)
            await client.shutdown()
        }
    }
}

/// A self-signed certificate for `localhost` and `127.0.0.1`, made with the `openssl` command.
struct TestIdentity {
    let certificate: NIOSSLCertificate
    let key: NIOSSLPrivateKey

    static func make() throws -> TestIdentity {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (certificate, key) = (directory.appendingPathComponent("cert.pem").path, directory.appendingPathComponent("key.pem").path)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw HTTP1ClientError.invalidURL }
        return TestIdentity(
            certificate: try NIOSSLCertificate(file: certificate, format: .pem), key: try NIOSSLPrivateKey(file: key, format: .pem))
    }

    func serverContext() throws -> NIOSSLContext {
        try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
    }
}
