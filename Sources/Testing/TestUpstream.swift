public import GatewayCore
import Hummingbird
import Logging
import NIOCore

/// A stand-in LLM provider on loopback that speaks OpenAI's and Anthropic's real wire formats, failures included.
///
/// The upstream model name in the request chooses the behaviour, so one upstream serves every scenario:
///
/// | model | behaviour |
/// | --- | --- |
/// | anything else | a normal answer (`upstream says: <last user text>`), streamed when asked |
/// | `slow-stream` | a stream with a pause of `slowChunkDelay` between chunks |
/// | `one-write-stream` | a stream whose events are all written at once (a fast upstream's answer, read in one go) |
/// | `no-usage` | a stream without a usage chunk even when `stream_options.include_usage` asks for one (OpenAI) |
/// | `tool-call` | the assistant calls the tool `get_weather` with `{"city":"Paris"}` |
/// | `tool-then-answer` | as `tool-call` until the last turn carries the tool's result, then `the tool said: <result>` (``ToolRound``) |
/// | ending in `cached-usage` | usage with cached, cache-write and reasoning tokens (``CachedUsage``), plain and streamed |
/// | `status-500`, `status-503`, `status-429`, `status-400`, `status-401`, `status-404` | that HTTP status with a provider-shaped error body (429: `retry-after: 1`) |
/// | `context-length` | 400: OpenAI's `context_length_exceeded`, Anthropic's "prompt is too long" |
/// | `content-policy` | 400: OpenAI's `content_policy_violation`, Anthropic's "Output blocked by content filtering policy" |
/// | `empty-stream` | 200 `text/event-stream`, then the connection closes before the first event |
/// | `slow-first-chunk` | (OpenAI) a stream whose first event comes after `slowFirstChunkDelay` (a comment line before it) |
/// | `flaky-<n>-<mode>` | the first `n` calls with this model name behave as `<mode>`, later ones answer normally |
/// | `not-json` | 200 with an HTML body |
/// | `cut-stream` | two chunks, then the connection closes without the stream's end |
/// | `hang` | answers after 3 seconds (longer than the test deployments' timeout) |
/// | `echo-key-400`, `echo-key-401`, `echo-key-500` | that status; the error message quotes the credential received (as debug proxies do) |
/// | `echo-key-text-502` | 502 with a plain-text body quoting the credential |
/// | `echo-key-long-400` | 400 whose message quotes the credential after ``credentialEchoPadding`` characters |
/// | `echo-key-stream` | a stream that fails after its first chunks with an error event quoting the credential |
/// | `truncated-body` | 200 with a `content-length` larger than the part of the body sent, then the connection closes |
///
/// Paths: `/v1/chat/completions`, `/v1/completions`, `/v1/embeddings`, `/v1/responses` (OpenAI; and `GET`/`DELETE
/// /v1/responses/{id}`, `GET …/{id}/input_items` of what it answered), `/v1/messages`
/// (Anthropic).
public enum TestUpstream {
    /// The pause between chunks of `slow-stream`.
    public static let slowChunkDelay: Duration = .milliseconds(400)
    /// The wait before the first event of `slow-first-chunk`.
    public static let slowFirstChunkDelay: Duration = .seconds(3)
    /// Characters of filler before the credential in `echo-key-long-400`'s message: the gateway cuts an upstream
    /// message at 500 characters, so a cut made before the credential is taken out leaves its first 8 characters.
    public static let credentialEchoPadding = 492

    /// Runs the upstream for the duration of `body`.
    /// - Parameter body: receives the upstream's address and its request log.
    public static func withRunning<T: Sendable>(_ body: (TestEndpoint, UpstreamRecorder) async throws -> T) async throws -> T {
        let recorder = UpstreamRecorder()
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in
            let call = try await recorder.record(request)
            return try await OpenAIUpstreamResponses.chat(call)
        }
        router.post("/v1/completions") { request, _ in
            let call = try await recorder.record(request)
            return try await OpenAIUpstreamResponses.completion(call)
        }
        router.post("/v1/embeddings") { request, _ in
            let call = try await recorder.record(request)
            return try await OpenAIUpstreamResponses.embeddings(call)
        }
        router.post("/v1/responses") { request, _ in
            let call = try await recorder.record(request)
            return try await OpenAIUpstreamResponses.responses(call)
        }
        router.get("/v1/responses/{id}") { request, context in
            _ = try await recorder.record(request)
            let (body, status) = IssuedResponses.retrieve(context.parameters.get("id") ?? "")
            return OpenAIUpstreamResponses.json(body, status: status)
        }
        router.delete("/v1/responses/{id}") { request, context in
            _ = try await recorder.record(request)
            let (body, status) = IssuedResponses.delete(context.parameters.get("id") ?? "")
            return OpenAIUpstreamResponses.json(body, status: status)
        }
        router.get("/v1/responses/{id}/input_items") { request, context in
            _ = try await recorder.record(request)
            let limit = request.uri.queryParameters["limit"].flatMap { Int(String($0)) }
            let (body, status) = IssuedResponses.inputItems(context.parameters.get("id") ?? "", limit: limit)
            return OpenAIUpstreamResponses.json(body, status: status)
        }
        router.post("/v1/messages") { request, _ in
            let call = try await recorder.record(request)
            return try await AnthropicUpstreamResponses.messages(call)
        }
        // A provider's deep accept queue: the gateway may open hundreds of connections at once under load tests
        // (Hummingbird's default backlog of 256 would reset some, and the gateway would answer 502).
        return try await RunningServer.serve(router, label: "test-upstream", backlog: 4096) { port in
            try await body(TestEndpoint(port: port), recorder)
        }
    }
}

/// One request the upstream received.
public struct UpstreamCallRecord: Sendable {
    public let path: String
    public let headers: [String: String]
    public let body: JSON
    /// How many calls with this `model` the upstream had received, this one included (1 for the first).
    public let sequence: Int

    public var model: String { body["model"]?.stringValue ?? "" }

    /// The behaviour this call asks for: the model name, except for `flaky-<n>-<mode>`, which is `<mode>` for its
    /// first `n` calls and a normal answer (`echo`) after.
    public var mode: String {
        let parts = model.split(separator: "-", maxSplits: 2)
        guard parts.count == 3, parts[0] == "flaky", let failures = Int(parts[1]) else { return model }
        return sequence <= failures ? String(parts[2]) : "echo"
    }
    public var isStreaming: Bool { body["stream"]?.boolValue ?? false }
}

/// Every request the upstream received, in order.
public actor UpstreamRecorder {
    public private(set) var calls: [UpstreamCallRecord] = []

    func record(_ request: Request) async throws -> UpstreamCallRecord {
        let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let body = (try? JSON(parsing: buffer)) ?? .null
        let model = body["model"]?.stringValue ?? ""
        let sequence = calls.count(where: { $0.model == model }) + 1
        let call = UpstreamCallRecord(path: request.uri.path, headers: headers, body: body, sequence: sequence)
        calls.append(call)
        return call
    }

    public var last: UpstreamCallRecord? { calls.last }

    /// Calls received for one upstream model name.
    public func count(model: String) -> Int { calls.count(where: { $0.model == model }) }
}
