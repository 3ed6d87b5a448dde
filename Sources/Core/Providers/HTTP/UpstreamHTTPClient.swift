public import AsyncHTTPClient
public import NIOCore
public import NIOHTTP1
public import UpstreamHTTP1

/// Posts JSON to an upstream and maps every failure to a ``GatewayError``: over the lean ``HTTP1Client`` when one is
/// given (and its TLS configuration loaded, for `https://`), else over the shared, pooled `HTTPClient`.
///
/// The deployment's timeout bounds the wait for the response head; ``readJSON(_:deployment:)`` bounds a whole
/// non-streamed body. Only 2xx responses are returned; anything else is read (capped) and turned into an error
/// whose message quotes the upstream's own, scrubbed of the secrets the provider sent (``SecretScrubber``).
public struct UpstreamHTTPClient: Sendable {
    /// The largest error or complete body read from an upstream.
    static let maximumBodyBytes = 64 * 1024 * 1024

    public let httpClient: HTTPClient
    /// The client for upstream calls; nil sends every call over ``httpClient``.
    public let http1Client: HTTP1Client?
    /// The client's connect timeout in seconds (`general_settings.upstream_connect_timeout_seconds`), for messages.
    public let connectTimeout: Double

    /// - Parameters:
    ///   - httpClient: the shared client; it should fail a refused connection at once
    ///     (`connectionPool.retryConnectionEstablishment = false`).
    ///   - connectTimeout: the client's `timeout.connect` in seconds.
    ///   - http1Client: for the calls, with the same connect timeout and per-host cap.
    public init(httpClient: HTTPClient, connectTimeout: Double = ServerLimits().upstreamConnectTimeout, http1Client: HTTP1Client? = nil) {
        self.httpClient = httpClient
        self.http1Client = http1Client
        self.connectTimeout = connectTimeout
    }

    /// Sends `body` as JSON and returns a 2xx response whose body is still to be read.
    /// - Parameters:
    ///   - url: the full endpoint URL.
    ///   - headers: auth and provider headers (values are never logged).
    ///   - deployment: for the timeout and for naming the upstream in errors.
    ///   - secrets: the credentials in `headers` (and any other value the upstream must not be quoted on): taken out
    ///     of an error body before its message is cut to length.
    public func post(
        url: String, headers: [(String, String)], body: JSON, deployment: Deployment, secrets: SecretScrubber
    ) async throws -> HTTPClientResponse {
        try await execute(.POST, url: url, headers: headers, body: body, deployment: deployment, secrets: secrets)
    }

    /// ``post(url:headers:body:deployment:secrets:)`` with the body already serialized (``UpstreamCall/bodyBytes``).
    public func post(
        url: String, headers: [(String, String)], bytes: ByteBuffer, deployment: Deployment, secrets: SecretScrubber
    ) async throws -> HTTPClientResponse {
        try await execute(.POST, url: url, headers: headers, body: bytes, deployment: deployment, secrets: secrets)
    }

    /// ``post(url:headers:body:deployment:secrets:)`` with another method (`GET`, `DELETE`), and no body when `body`
    /// is nil.
    public func execute(
        _ method: HTTPMethod, url: String, headers: [(String, String)], body: JSON?, deployment: Deployment, secrets: SecretScrubber
    ) async throws -> HTTPClientResponse {
        try await execute(
            method, url: url, headers: headers, body: body.map { ByteBuffer(bytes: $0.serializedBytes()) }, deployment: deployment,
            secrets: secrets)
    }

    private func execute(
        _ method: HTTPMethod, url: String, headers: [(String, String)], body: ByteBuffer?, deployment: Deployment,
        secrets: SecretScrubber
    ) async throws -> HTTPClientResponse {
        var fields = HTTPHeaders()
        fields.reserveCapacity(headers.count + 1)
        for (name, value) in headers { fields.add(name: name, value: value) }
        if body != nil { fields.add(name: "content-type", value: "application/json") }
        let timeout = TimeAmount.milliseconds(Int64(deployment.timeout * 1000))
        let response: HTTPClientResponse
        do {
            if let http1Client, http1Client.serves(url) {
                let answer = try await http1Client.execute(method, url: url, headers: fields, body: body, deadline: .now() + timeout)
                response = HTTPClientResponse(status: answer.status, headers: answer.headers, body: .stream(answer.body))
            } else {
                var request = HTTPClientRequest(url: url)
                request.method = method
                request.headers = fields
                request.body = body.map { .bytes($0) }
                response = try await httpClient.execute(request, timeout: timeout)
            }
        } catch {
            throw UpstreamFailure.gatewayError(for: error, deployment: deployment, connectTimeout: connectTimeout)
        }
        guard (200..<300).contains(response.status.code) else {
            let text = try? await readText(response, limit: 64 * 1024, timeout: deployment.timeout)
            throw UpstreamFailure.gatewayError(
                status: Int(response.status.code), body: text ?? "", deployment: deployment,
                retryAfter: UpstreamRetryAfter.seconds(in: response.headers), secrets: secrets)
        }
        return response
    }

    /// Reads a whole JSON body within `timeout` seconds.
    /// - Throws: 504 on timeout, 502 `upstream_truncated` when the connection closes before the body's end,
    ///   502 `upstream_invalid_response` when the body is not JSON.
    public func readJSON(_ response: HTTPClientResponse, deployment: Deployment) async throws -> JSON {
        try await readJSONWithBytes(response, deployment: deployment).json
    }

    /// ``readJSON(_:deployment:)``, with the bytes as received (to relay unchanged).
    public func readJSONWithBytes(_ response: HTTPClientResponse, deployment: Deployment) async throws -> (json: JSON, bytes: ByteBuffer) {
        let buffer = try await readBody(response, timeout: deployment.timeout, deployment: deployment)
        do {
            return (try JSON(parsing: buffer), buffer)
        } catch {
            throw GatewayError.badGateway("Upstream '\(deployment.modelName)' returned a body that is not JSON.", code: "upstream_invalid_response")
        }
    }

    /// Reads a successful answer's body as it came, within the deployment's timeout.
    /// - Throws: as ``readJSONWithBytes(_:deployment:)``, apart from the check for JSON (the caller's).
    public func readBodyBytes(_ response: HTTPClientResponse, deployment: Deployment) async throws -> ByteBuffer {
        try await readBody(response, timeout: deployment.timeout, deployment: deployment)
    }

    private func readBody(_ response: HTTPClientResponse, timeout: Double, deployment: Deployment) async throws -> ByteBuffer {
        do {
            return try await collect(response, upTo: Self.maximumBodyBytes, timeout: timeout)
        } catch {
            throw UpstreamFailure.bodyError(for: error, deployment: deployment)
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
