import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import Synchronization
import VertexProvider

/// GatewayTesting's ``VertexTestBed`` (token endpoint, metadata server, Vertex stand-in and a service account), and the
/// provider-level helpers of these tests.
typealias VertexStandIns = VertexTestBed

extension VertexTestBed {
    /// A clock tests move by hand, seconds since 1970, shared by the gateway's provider and the token endpoint.
    final class Clock: Sendable {
        private let seconds = Mutex(Date().timeIntervalSince1970)
        var now: Double { seconds.withLock { $0 } }
        func advance(by delta: Double) { seconds.withLock { $0 += delta } }
    }

    /// A client that fails a refused connection at once, as the gateway's does.
    static let noRetryClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    static func provider(environment: [String: String] = [:], now: (@Sendable () -> Double)? = nil) -> VertexProvider {
        VertexProvider(client: UpstreamHTTPClient(httpClient: HTTPClient.shared), environment: environment, now: now)
    }

    static func chat(_ deployment: Deployment, stream: Bool = false, text: String = "Hi") -> UpstreamCall {
        var body: JSON = ["model": .string(deployment.upstreamModel), "max_tokens": 100, "messages": [["role": "user", "content": .string(text)]]]
        if stream { body["stream"] = true }
        return UpstreamCall(operation: .chatCompletions, deployment: deployment, body: body, requestID: "req-1")
    }

    /// The content of every chunk of a streamed answer, joined.
    static func streamedText(_ response: GatewayResponse) async throws -> String {
        guard case .stream(let chunks) = response else { return "<not a stream>" }
        var text = ""
        for try await chunk in chunks { text += chunk.json["choices"]?[0]?["delta"]?["content"]?.stringValue ?? "" }
        return text
    }
}
