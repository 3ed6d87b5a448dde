import AsyncHTTPClient
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1

/// Reads a streamed response as it arrives and notes when each piece came.
enum StreamTiming {
    static func chunkArrivals(_ endpoint: TestEndpoint, path: String, body: JSON, key: String) async throws -> [ContinuousClock.Instant] {
        try await bodyParts(endpoint, path: path, body: body, key: key).map(\.arrived)
    }

    /// Each piece of the response body as the client read it, with when it came.
    static func bodyParts(
        _ endpoint: TestEndpoint, path: String, body: JSON, key: String
    ) async throws -> [(arrived: ContinuousClock.Instant, text: String)] {
        var request = HTTPClientRequest(url: endpoint.baseURL + path)
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(key)")
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body.serializedString()))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        var parts: [(arrived: ContinuousClock.Instant, text: String)] = []
        for try await part in response.body { parts.append((.now, String(buffer: part))) }
        return parts
    }
}
