public import GatewayCore

/// What the gateway asks of a response an upstream's Responses API created and the gateway did not store (`store:
/// false`, or no storage plugin): `GET /v1/responses/{id}`, `DELETE …/{id}`, `GET …/{id}/input_items`.
public enum StoredResponseAction: Sendable, Equatable {
    case retrieve
    case delete
    /// With the client's paging query (`after`, `before`, `limit`, `order`, `include`), passed on as sent.
    case inputItems(query: [String: String])
}

/// A provider whose upstream keeps the responses its Responses API created (OpenAI's): the gateway forwards a
/// ``StoredResponseAction`` on one of them to the deployment that created it (``NativeResponseID``).
public protocol ResponsesUpstream: Sendable {
    /// Runs `action` on the upstream's response `upstreamID`, with `deployment`'s URL and credentials.
    /// - Returns: the upstream's answer, response ids written as the client must see them.
    /// - Throws: ``GatewayError``: the upstream's status (404 for a response it does not know), scrubbed of secrets.
    func forward(_ action: StoredResponseAction, upstreamID: String, deployment: Deployment) async throws -> JSON
}
