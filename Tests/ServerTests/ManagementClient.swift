import GatewayCore
import GatewayTesting
import Testing

/// A test gateway driven through the management API as the master key: the create-and-expect-200 helpers the
/// budget, reservation and numbers gateways share.
protocol ManagementClient {
    var endpoint: TestEndpoint { get }
}

extension ManagementClient {
    /// Creates what `body` describes through the management API and expects 200. - Returns: the answer.
    @discardableResult
    func create(_ path: String, _ body: JSON) async throws -> JSON {
        let reply = try await endpoint.post(path, json: body, key: GatewayFixture.masterKey)
        #expect(reply.status == 200, "\(path) failed: \(reply.body)")
        return reply.json ?? [:]
    }

    /// `/key/generate`. - Returns: the plain key and its hash.
    func generateKey(_ body: JSON = [:]) async throws -> (secret: String, hash: String) {
        let reply = try await create("/key/generate", body)
        return (try #require(reply["key"]?.stringValue), try #require(reply["token"]?.stringValue))
    }
}
