public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Posts JSON to an upstream over the shared, pooled `HTTPClient` and maps every failure to a ``GatewayError``.
///
/// The deployment's timeout bounds the wait for the response head; ``readBody(_:timeout:)`` bounds a whole
/// non-streamed body. Only 2xx responses are returned; anything else is read (capped) and turned into an error
/// whose message quotes the upstream's own, never a credential.
public struct UpstreamHTTPClient: Sendable {
    /// The largest error or complete body read from an upstream.
    static let maximumBodyBytes = 64 * 1024 * 1024

    public let httpClient: HTTPClient

    public init(httpClient: HTTPClient) {
        self.httpClient = httpClient
    }

    /// Sends `body` as JSON and returns a 2xx response whose body is still to be read.
    /// - Parameters:
    ///   - url: the full endpoint URL.
    ///   - headers: auth and provider headers (values are never logged).
    ///   - deployment: for the timeout and for naming the upstream in errors.
    public func post(url: String, headers: [(String, String)], body: JSON, deployment: Deployment) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let bytes = body.serializedBytes()
        request.body = .bytes(ByteBuffer(bytes: bytes))
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: .milliseconds(Int64(deployment.timeout * 1000)))
        } catch {
            throw UpstreamFailure.gatewayError(for: error, deployment: deployment)
        }
        guard (200..<300).contains(response.status.code) else {
            let text = try? await readText(response, limit: 64 * 1024, timeout: deployment.timeout)
            throw UpstreamFailure.gatewayError(
                status: Int(response.status.code), body: text ?? "", deployment: deployment,
                retryAfter: UpstreamRetryAfter.seconds(in: response.headers))
        }
        return response
    }

    /// Reads a whole JSON body within `timeout` seconds.
    /// - Throws: 504 on timeout, 502 when the body is not JSON or the connection breaks.
    public func readJSON(_ response: HTTPClientResponse, deployment: Deployment) async throws -> JSON {
        let buffer = try await readBody(response, timeout: deployment.timeout, deployment: deployment)
        do {
            return try JSON(parsing: buffer)
        } catch {
            throw GatewayError.badGateway("Upstream '\(deployment.modelName)' returned a body that is not JSON.", code: "upstream_invalid_response")
        }
    }

    private func readBody(_ response: HTTPClientResponse, timeout: Double, deployment: Deployment) async throws -> ByteBuffer {
        do {
            return try await collect(response, upTo: Self.maximumBodyBytes, timeout: timeout)
        } catch {
            throw UpstreamFailure.gatewayError(for: error, deployment: deployment)
        }
    }

    private func readText(_ response: HTTPClientResponse, limit: Int, timeout: Double) async throws -> String {
        String(buffer: try await collect(response, upTo: limit, timeout: min(timeout, 10)))
    }

    /// Collects a body, throwing ``TimeoutError`` after `timeout` seconds (``withCancellingDeadline(seconds:_:)``).
    private func collect(_ response: HTTPClientResponse, upTo limit: Int, timeout: Double) async throws -> ByteBuffer {
        try await withCancellingDeadline(seconds: timeout) { try await response.body.collect(upTo: limit) }
    }
}
