public import AsyncHTTPClient
public import NIOCore

/// Reads an upstream response body one buffer at a time (pull, never ahead), with a failed read mapped as every
/// upstream read is (``UpstreamFailure``): a deadline is 504, the client leaving is `client_disconnected`, the
/// upstream cutting the body is 502 `upstream_truncated`. For a provider that decodes a binary stream itself (an AWS
/// event stream); server-sent events have ``UpstreamEventStream``.
public final class UpstreamBodyReader: @unchecked Sendable {
    // Unchecked: a body is consumed by one task at a time; the iterator is never shared.
    private var body: HTTPClientResponse.Body.AsyncIterator
    private let deployment: Deployment

    /// - Parameters:
    ///   - response: a response whose body is still to be read.
    ///   - deployment: names the upstream in errors.
    public init(_ response: HTTPClientResponse, deployment: Deployment) {
        self.body = response.body.makeAsyncIterator()
        self.deployment = deployment
    }

    /// The next buffer received; nil once the body has ended.
    /// - Throws: the mapped ``GatewayError`` when the read fails.
    public func next() async throws -> ByteBuffer? {
        do {
            return try await body.next()
        } catch {
            throw UpstreamFailure.bodyError(for: error, deployment: deployment)
        }
    }
}
