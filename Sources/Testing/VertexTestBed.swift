import Foundation
public import GatewayCore

/// Everything a Vertex AI test runs against: Google's token endpoint and metadata server (``GoogleOAuthUpstream``,
/// checking each assertion's RS256 signature with the service account's public key), Vertex AI (``VertexUpstream``,
/// accepting only the tokens the former issued), a fresh service account registered with the token endpoint, and its
/// key file in a scratch directory; with builders for deployments and config.yaml entries that use them.
public struct VertexTestBed: Sendable {
    public let oauth: GoogleOAuthUpstream
    public let vertex: VertexUpstream
    public let account: TestServiceAccount
    /// The key file's path.
    public let keyFile: String
    /// A scratch directory for more files, removed after the test.
    public let directory: String
    /// `http://127.0.0.1:PORT` of the token endpoint and metadata server.
    public let oauthBase: String
    /// `api_base` of the deployments.
    public let vertexBase: String

    /// The project the Vertex stand-in knows (and the service account's `project_id`).
    public static let project = "tollgate-project"
    public static let claude = "claude-sonnet-4-5@20250929"

    /// Runs the stand-ins for the duration of `body`.
    /// - Parameters:
    ///   - now: the token endpoint's clock, seconds since 1970 (nil: the real one).
    ///   - tokenLifetime: `expires_in` of the tokens issued.
    ///   - tokenDelay: how long the token endpoint takes to answer.
    ///   - registers: whether the account's key is known to the token endpoint (false: a deleted key).
    public static func withRunning<T: Sendable>(
        now: (@Sendable () -> Double)? = nil, tokenLifetime: Int = 3599, tokenDelay: Duration = .zero, registers: Bool = true,
        _ body: (VertexTestBed) async throws -> T
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
                    VertexTestBed(
                        oauth: oauth, vertex: vertex, account: account, keyFile: keyFile, directory: directory.path, oauthBase: oauthBase,
                        vertexBase: endpoint.baseURL))
            }
        }
    }

    /// A `vertex_ai/<model>` deployment with the key file as `vertex_credentials`, the stand-in's project and
    /// `us-central1`, and `params` on top (a null value removes a param).
    public func deployment(model: String = claude, _ params: [String: JSON] = [:]) -> Deployment {
        var extra: [String: JSON] = [
            "vertex_credentials": .string(keyFile), "vertex_project": .string(Self.project), "vertex_location": "us-central1",
        ]
        for (name, value) in params { extra[name] = value.isNull ? nil : value }
        return Deployment(
            id: "vertex-\(model)", modelName: "claude-vertex", provider: "vertex_ai", upstreamModel: model, apiBase: vertexBase, timeout: 10,
            extraParams: extra)
    }

    /// A config.yaml `model_list` entry for `vertex_ai/<model>` with the key file (or `credentials`), the project and
    /// `us-central1`.
    public func entry(_ name: String, _ model: String, project: String = project, credentials: String? = nil) -> String {
        """
          - model_name: \(name)
            litellm_params:
              model: vertex_ai/\(model)
              vertex_project: \(project)
              vertex_location: us-central1
              vertex_credentials: \(credentials ?? keyFile)
              api_base: \(vertexBase)
              timeout: 15
        """
    }
}
