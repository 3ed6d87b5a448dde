public import NIOCore

/// Sends one OpenAI-shaped call to an upstream and returns an OpenAI-shaped answer.
///
/// A provider translates to and from its upstream's wire format, so the rest of the gateway speaks only
/// OpenAI's. Failures are ``GatewayError``s: 502 for an unreachable or broken upstream, 504 for a timeout, 429 when
/// the upstream rate-limits, the upstream's 4xx status for a request it rejected.
///
/// A provider also says which secrets it sends for a deployment (``secrets(of:)``): every error it throws, whole or
/// mid-stream, is scrubbed of them (``SecretScrubber``) before anything else sees it, whatever the upstream quoted.
public protocol Provider: Sendable {
    func send(_ call: UpstreamCall) async throws -> GatewayResponse

    /// The credentials this provider sends upstream for `deployment` (keys, tokens), to be scrubbed from every text
    /// derived from the upstream's answers. Defaults to ``Deployment/secrets``; a provider that derives more (an
    /// access token it exchanged the configured credentials for) adds them. Values computed per request (a request
    /// signature) are the provider's to scrub in ``send(_:)``, e.g. through ``UpstreamHTTPClient``'s `secrets`.
    func secrets(of deployment: Deployment) -> [String]

    /// The dialects besides OpenAI chat this provider sends upstream as they came (``UpstreamCall/native``); a call
    /// in any other dialect reaches it as its OpenAI-shaped view.
    var nativeDialects: Set<Dialect> { get }

    /// The dialects this provider speaks natively for `deployment`: those of ``nativeDialects`` by default; a provider
    /// whose upstream speaks a dialect for some models only (Bedrock's Anthropic models) narrows or widens it per
    /// deployment. What the pipeline asks before each call.
    func nativeDialects(for deployment: Deployment) -> Set<Dialect>

    /// What is wrong with `deployment`'s settings for this provider (a missing `api_base`, a malformed version, no
    /// credentials), checked when the deployment is loaded (config.yaml at startup, `/model/new`); nil when nothing
    /// is. Defaults to nil. The text names settings, never a credential's value.
    func configurationProblem(of deployment: Deployment) -> String?
}

extension Provider {
    public func secrets(of deployment: Deployment) -> [String] { deployment.secrets }

    public func configurationProblem(of deployment: Deployment) -> String? { nil }

    public var nativeDialects: Set<Dialect> { [] }

    public func nativeDialects(for deployment: Deployment) -> Set<Dialect> { nativeDialects }
}

/// One call to one deployment.
public struct UpstreamCall: Sendable {
    public var operation: UpstreamOperation
    public var deployment: Deployment
    /// The OpenAI-shaped body, `model` already set to the deployment's upstream model.
    public var body: JSON
    /// ``body`` as bytes to send, when it is the client's own body with only `model` replaced (``ClientBody``): a
    /// provider that sends ``body`` unchanged sends these instead and skips serializing it. A provider that changes
    /// ``body`` must ignore them.
    public var bodyBytes: ByteBuffer?
    /// The request in its own dialect, `model` already set, when the provider speaks it (``Provider/nativeDialects``):
    /// the provider sends this instead of ``body`` and answers in the same dialect.
    public var native: NativeBody?
    /// The dialect the client speaks when it is the OpenAI dialect of ``operation``: an OpenAI-compatible upstream's
    /// answer can then go back as it came (``NativeAnswer``). Nil when the answer is translated for the client.
    public var clientDialect: Dialect?
    /// Whether parameters the upstream's API cannot express are dropped (`drop_params`) rather than refused.
    public var dropsUnsupportedParams = false
    /// Whether a hook will read the whole answer (post-call hooks run): a provider that defers parsing an answer
    /// until it is read (``NativeAnswer/init(dialect:jsonObjectBytes:)``) parses it at once instead of checking it first.
    public var answerIsRead = false
    public var requestID: String
    /// Headers every provider adds to the upstream request: the trace context (`traceparent`, `tracestate`).
    /// Never credentials: a provider sets the deployment's own.
    public var headers: [(String, String)]

    public init(operation: UpstreamOperation, deployment: Deployment, body: JSON, requestID: String, headers: [(String, String)] = []) {
        self.operation = operation
        self.deployment = deployment
        self.body = body
        self.requestID = requestID
        self.headers = headers
    }

    /// Whether the body asks for a stream.
    public var isStreaming: Bool { body["stream"]?.boolValue ?? false }
}

/// A body in a dialect other than OpenAI chat's, with the dialect's headers the client sent.
public struct NativeBody: Sendable {
    public var dialect: Dialect
    public var json: JSON
    public var headers: [(String, String)]

    public init(dialect: Dialect, json: JSON, headers: [(String, String)] = []) {
        self.dialect = dialect
        self.json = json
        self.headers = headers
    }
}
