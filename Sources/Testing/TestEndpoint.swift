import AsyncHTTPClient
import Foundation
public import GatewayCore
import NIOCore
public import NIOHTTP1

/// A server on loopback and a small client for it: JSON in, status, headers and body out.
public struct TestEndpoint: Sendable {
    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init(port: Int) {
        self.port = port
    }

    /// What came back.
    public struct Reply: Sendable {
        public let status: Int
        public let headers: [(String, String)]
        public let body: String

        public var json: JSON? { try? JSONParser.parse(body) }

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The `data:` payloads of a server-sent-event body, in order.
        public var eventData: [String] {
            var parser = SSEParser()
            var events = parser.feed(bytes: Array(body.utf8))
            if let last = parser.finish() { events.append(last) }
            return events.map(\.data)
        }

        /// The server-sent events of the body.
        public var events: [ServerSentEvent] {
            var parser = SSEParser()
            var events = parser.feed(bytes: Array(body.utf8))
            if let last = parser.finish() { events.append(last) }
            return events
        }
    }

    /// Sends a request with a raw body.
    public func request(
        _ method: HTTPMethod, _ path: String, body: String? = nil, headers: [String: String] = [:], timeout: Double = 30
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: bytes))
    }

    /// POSTs a JSON body with an optional bearer key.
    public func post(_ path: String, json: JSON, key: String? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var headers = headers
        if let key { headers["authorization"] = "Bearer \(key)" }
        return try await request(.POST, path, body: json.serializedString(), headers: headers)
    }

    /// GETs a path with an optional bearer key.
    public func get(_ path: String, key: String? = nil) async throws -> Reply {
        try await request(.GET, path, headers: key.map { ["authorization": "Bearer \($0)"] } ?? [:])
    }
}
