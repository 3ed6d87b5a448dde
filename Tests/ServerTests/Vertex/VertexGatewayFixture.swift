import Foundation
import GatewayCore
import GatewayTesting

/// The stand-ins of a gateway test with Vertex AI deployments: Google's token endpoint (checking each JWT's RS256
/// signature with the service account's public key), Vertex AI (accepting only the tokens it issued), a fresh service
/// account and its key file.
struct VertexGatewayFixture: Sendable {
    let oauth: GoogleOAuthUpstream
    let vertex: VertexUpstream
    let account: TestServiceAccount
    let keyFile: String
    let vertexBase: String

    static let project = "tollgate-project"

    static func withRunning<T: Sendable>(_ body: (VertexGatewayFixture) async throws -> T) async throws -> T {
        let oauth = GoogleOAuthUpstream()
        let vertex = VertexUpstream(project: project) { oauth.issued.contains($0) }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try await oauth.withRunning { _ in
            let account = try TestServiceAccount(tokenURI: oauth.tokenURL, projectID: project)
            oauth.register(account)
            let keyFile = try account.write(into: directory.path)
            return try await vertex.withRunning { endpoint in
                try await body(VertexGatewayFixture(oauth: oauth, vertex: vertex, account: account, keyFile: keyFile, vertexBase: endpoint.baseURL))
            }
        }
    }

    /// A `model_list` entry for `vertex_ai/<model>` with the key file, the project and `us-central1`.
    func entry(_ name: String, _ model: String, project: String = project) -> String {
        """
          - model_name: \(name)
            litellm_params:
              model: vertex_ai/\(model)
              vertex_project: \(project)
              vertex_location: us-central1
              vertex_credentials: \(keyFile)
              api_base: \(vertexBase)
              timeout: 15
        """
    }

    /// config.yaml with `entries` and the master key.
    static func config(_ entries: [String]) -> String {
        "model_list:\n" + entries.joined(separator: "\n") + "\ngeneral_settings:\n  master_key: \(GatewayFixture.masterKey)\n"
    }
}
