import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import Synchronization
import VertexProvider

/// What a Vertex test runs against: Google's token endpoint and metadata server (``GoogleOAuthUpstream``, checking
/// each assertion's RS256 signature with the service account's public key) and Vertex AI (``VertexUpstream``,
/// accepting only the tokens the former issued), a fresh service account registered with the token endpoint, and its
/// key file in a scratch directory.
struct VertexStandIns: Sendable {
    let oauth: GoogleOAuthUpstream
    let vertex: VertexUpstream
    let account: TestServiceAccount
    let keyFile: String
    let directory: String
    /// `http://127.0.0.1:PORT` of the token endpoint and metadata server.
    let oauthBase: String
    /// `api_base` of the deployments.
    let vertexBase: String

    static let project = "tollgate-project"
    static let claude = "claude-sonnet-4-5@20250929"

    /// A clock tests move by hand, seconds since 1970, shared by the gateway's provider and the token endpoint.
    final class Clock: Sendable {
        private let seconds = Mutex(Date().timeIntervalSince1970)
        var now: Double { seconds.withLock { $0 } }
        func advance(by delta: Double) { seconds.withLock { $0 += delta } }
    }

    /// Runs the stand-ins for the duration of `body`.
    /// - Parameters:
    ///   - now: the token endpoint's clock (nil: the real one).
    ///   - tokenLifetime: `expires_in` of the tokens issued.
    ///   - tokenDelay: how long the token endpoint takes to answer.
    ///   - registers: whether the account's key is known to the token endpoint (false: a deleted key).
    static func withRunning<T: Sendable>(
        now: (@Sendable () -> Double)? = nil, tokenLifetime: Int = 3599, tokenDelay: Duration = .zero, registers: Bool = true,
        _ body: (VertexStandIns) async throws -> T
    ) async throws -> T {
        let oauth = GoogleOAuthUpstream(now: now, tokenLifetime: tokenLifetime, delay: tokenDelay)
        let vertex = VertexUpstream(project: project) { token in oauth.issued.contains(token) }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try await oauth.withRunning { oauthBase in
            let account = try TestServiceAccount(tokenURI: oauth.tokenURL, projectID: project)
            if registers { oauth.register(account) }
            let keyFile = try account.write(into: directory.path)
            return try await vertex.withRunning { endpoint in
                try await body(
                    VertexStandIns(
                        oauth: oauth, vertex: vertex, account: account, keyFile: keyFile, directory: directory.path, oauthBase: oauthBase,
                        vertexBase: endpoint.baseURL))
            }
        }
    }

    /// A `vertex_ai/<model>` deployment with the account's key file as `vertex_credentials`, the stand-in's project
    /// and `us-central1`, and `params` on top (a null value removes a param).
    func deployment(model: String = claude, _ params: [String: JSON] = [:]) -> Deployment {
        var extra: [String: JSON] = [
            "vertex_credentials": .string(keyFile), "vertex_project": .string(Self.project), "vertex_location": "us-central1",
        ]
        for (name, value) in params { extra[name] = value.isNull ? nil : value }
        return Deployment(
            id: "vertex-\(model)", modelName: "claude-vertex", provider: "vertex_ai", upstreamModel: model, apiBase: vertexBase, timeout: 10,
            extraParams: extra)
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
