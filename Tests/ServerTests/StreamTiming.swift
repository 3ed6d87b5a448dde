import AsyncHTTPClient
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1

/// Reads a streamed response as it arrives and notes when each piece came.
enum StreamTiming {
    static func chunkArrivals(_ endpoint: TestEndpoint, path: String, body: JSON, key: String) async throws -> [ContinuousClock.Instant] {
        var request = HTTPClientRequest(url: endpoint.baseURL + path)
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(key)")
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body.serializedString()))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        var arrivals: [ContinuousClock.Instant] = []
        for try await _ in response.body { arrivals.append(.now) }
        return arrivals
    }
}
