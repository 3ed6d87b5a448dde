import FakeProvider
import HTTPTypes
import Testing

@testable import GatewayCore

/// Collects what test hooks and providers saw, in order. One per test, so parallel tests do not mix.
actor Probe {
    struct Commit: Sendable {
        let name: String
        let request: GatewayRequest
        let outcome: CallOutcome
    }

    private(set) var calls: [String] = []
    private(set) var commits: [Commit] = []
    private(set) var events: [RequestLogEvent] = []
    private(set) var upstreamCalls: [UpstreamCall] = []
    /// What routing hooks were told in `record`, in order.
    private(set) var recordedOutcomes: [CallOutcome] = []

    func record(_ call: String) { calls.append(call) }
    func commit(_ name: String, _ request: GatewayRequest, _ outcome: CallOutcome) {
        calls.append("commit:\(name)")
        commits.append(Commit(name: name, request: request, outcome: outcome))
    }
    func log(_ event: RequestLogEvent) { events.append(event) }
    func upstream(_ call: UpstreamCall) { upstreamCalls.append(call) }
    func routed(_ outcome: CallOutcome) { recordedOutcomes.append(outcome) }
}

/// A failure that is not a decision: what a crashing plugin throws.
struct PluginCrash: Error {}

struct TestAuth: AuthHook {
    let name: String
    let probe: Probe
    var result: @Sendable (GatewayRequest) throws -> Principal? = { _ in nil }

    func authenticate(_ request: GatewayRequest) async throws -> Principal? {
        await probe.record("auth:\(name)")
        return try result(request)
    }
}

struct TestBudget: BudgetHook {
    let name: String
    let probe: Probe
    var reserveAction: @Sendable (GatewayRequest) throws -> HookDecision = { _ in .proceed }

    func reserve(_ request: GatewayRequest) async throws -> HookDecision {
        await probe.record("reserve:\(name)")
        return try reserveAction(request)
    }

    func commit(_ request: GatewayRequest, outcome: CallOutcome) async {
        await probe.commit(name, request, outcome)
    }
}

struct TestToolAllowlist: ToolAllowlistHook {
    let name: String
    let probe: Probe
    var action: @Sendable (GatewayRequest) throws -> HookDecision = { _ in .proceed }

    func checkTools(_ request: GatewayRequest) async throws -> HookDecision {
        await probe.record("tools:\(name)")
        return try action(request)
    }
}

struct TestGuardrail: GuardrailHook {
    let name: String
    let probe: Probe
    var preAction: @Sendable (inout GatewayRequest) throws -> HookDecision = { _ in .proceed }
    var postAction: @Sendable (inout JSON) throws -> Void = { _ in }
    var chunkAction: @Sendable (StreamChunk) throws -> StreamChunk? = { $0 }

    func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
        await probe.record("pre:\(name)")
        return try preAction(&request)
    }

    func postCall(_ request: GatewayRequest, response: inout JSON) async throws {
        await probe.record("post:\(name)")
        try postAction(&response)
    }

    func inspectChunk(_ request: GatewayRequest, chunk: StreamChunk) async throws -> StreamChunk? {
        await probe.record("chunk:\(name):\(chunk.content ?? "-")")
        return try chunkAction(chunk)
    }
}

/// One hook object at two hook points: it must appear in both arrays.
struct BudgetAndGuardrail: BudgetHook, GuardrailHook {
    let name: String
    let probe: Probe

    func reserve(_ request: GatewayRequest) async throws -> HookDecision {
        await probe.record("reserve:\(name)")
        return .proceed
    }

    func commit(_ request: GatewayRequest, outcome: CallOutcome) async {
        await probe.commit(name, request, outcome)
    }

    func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
        await probe.record("pre:\(name)")
        return .proceed
    }

    func postCall(_ request: GatewayRequest, response: inout JSON) async throws {
        await probe.record("post:\(name)")
        var trail = response["trail"]?.arrayValue ?? []
        trail.append(.string(name))
        response["trail"] = .array(trail)
    }
}

struct TestRouter: RoutingHook {
    let name: String
    let probe: Probe
    var reorder: @Sendable ([Deployment]) throws -> [Deployment] = { $0 }

    func route(_ request: GatewayRequest, candidates: [Deployment]) async throws -> [Deployment] {
        await probe.record("route:\(name):\(candidates.map(\.id).joined(separator: ","))")
        return try reorder(candidates)
    }

    func record(_ deployment: Deployment, outcome: CallOutcome) async {
        await probe.record("record:\(name):\(deployment.id):\(outcome.error.map { String($0.status.code) } ?? "ok")")
    }
}

struct TestLogger: LoggingHook {
    let name: String
    let probe: Probe
    var delay: Duration = .zero

    func log(_ event: RequestLogEvent) async {
        if delay > .zero { try? await Task.sleep(for: delay) }
        await probe.record("log:\(name):\(event.requestID)")
        await probe.log(event)
    }
}

/// A provider that records each call (deployment, body) and answers with `respond`.
struct RecordingProvider: Provider {
    let probe: Probe
    var respond: @Sendable (UpstreamCall) async throws -> GatewayResponse = { call in
        .json([
            "id": "chatcmpl-test", "object": "chat.completion", "deployment": .string(call.deployment.id),
            "choices": [["index": 0, "message": ["role": "assistant", "content": "ok"], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30],
        ])
    }

    func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        await probe.upstream(call)
        await probe.record("upstream:\(call.deployment.id)")
        return try await respond(call)
    }
}

extension StreamChunk {
    /// `choices[0].delta.content`, for assertions.
    var content: String? { json["choices"]?[0]?["delta"]?["content"]?.stringValue }

    /// A chunk with one content delta.
    static func text(_ content: String, usage: JSON? = nil) -> StreamChunk {
        var json: JSON = [
            "object": "chat.completion.chunk", "choices": [["index": 0, "delta": ["content": .string(content)], "finish_reason": nil]],
        ]
        if let usage { json["usage"] = usage }
        return StreamChunk(json: json)
    }

    /// The usage-only last chunk OpenAI sends with `stream_options.include_usage`.
    static func usageOnly(prompt: Int, completion: Int) -> StreamChunk {
        StreamChunk(json: [
            "object": "chat.completion.chunk", "choices": [],
            "usage": ["prompt_tokens": .int(prompt), "completion_tokens": .int(completion), "total_tokens": .int(prompt + completion)],
        ])
    }
}

/// A registered hook, as the registry would make it.
func registered(_ hook: any PipelineHook, _ pluginID: String, _ policy: FailurePolicy = .deny) -> RegisteredHook {
    RegisteredHook(hook: hook, pluginID: pluginID, failurePolicy: policy)
}

/// A runner over `hooks` with one `fake` deployment `d1` serving `m`, unless told otherwise.
func makeRunner(
    _ hooks: [RegisteredHook],
    deployments: [Deployment] = [Deployment(id: "d1", modelName: "m", provider: "fake", upstreamModel: "fake-model")],
    providers: [String: any Provider] = ["fake": FakeProvider()]
) -> PipelineRunner {
    PipelineRunner(
        pipeline: Pipeline(hooks: hooks), models: ModelDirectory(configDeployments: deployments), providers: ProviderRegistry(providers),
        logger: TestContext.logger)
}

/// Every chunk of a streamed response.
func collectChunks(_ response: GatewayResponse) async throws -> [StreamChunk] {
    guard case .stream(let stream) = response else {
        Issue.record("expected a stream, got \(response)")
        return []
    }
    var chunks: [StreamChunk] = []
    for try await chunk in stream { chunks.append(chunk) }
    return chunks
}

/// The body of a JSON response (the view of a native one).
func jsonBody(_ response: GatewayResponse) -> JSON? {
    guard let json = response.completeView else {
        Issue.record("expected a JSON body, got a stream")
        return nil
    }
    return json
}
