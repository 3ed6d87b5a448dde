import HTTPTypes
import Tracing

/// The spans of one traced request: a server span for the request, a child per hook run and a client span per
/// upstream attempt, through swift-distributed-tracing's `Tracer` (the plugin that provides it chooses the backend).
///
/// The client's W3C `traceparent`/`tracestate` become the request span's parent, and each attempt's span context
/// goes upstream in its own `traceparent`. Attributes name plugins, deployments, models, statuses and counts, never
/// prompt content, keys or credentials.
struct RequestTracing: Sendable {
    let tracer: any Tracer
    /// The request's server span, ended when the request's record is finished (after a stream's last chunk).
    let span: any Span

    /// Starts the request's span, a child of the client's trace when it sent one.
    static func start(_ tracer: any Tracer, request: GatewayRequest) -> RequestTracing {
        var parent = InstrumentationContext.topLevel
        tracer.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        let span = tracer.startSpan(
            "POST \(request.route)", context: parent, ofKind: .server, at: DefaultTracerClock.now, function: #function, file: #fileID,
            line: #line)
        span.updateAttributes { attributes in
            attributes["tollgate.request_id"] = request.id
            attributes["http.route"] = request.route
            if let model = request.model { attributes["gen_ai.request.model"] = model }
        }
        return RequestTracing(tracer: tracer, span: span)
    }

    func startHookSpan(_ point: HookPoint, pluginID: String) -> any Span {
        let child = tracer.startSpan(
            "tollgate.hook.\(point.rawValue)", context: span.context, ofKind: .internal, at: DefaultTracerClock.now, function: #function,
            file: #fileID, line: #line)
        child.attributes["tollgate.plugin"] = pluginID
        return child
    }

    func startAttemptSpan(_ deployment: Deployment, number: Int) -> any Span {
        let child = tracer.startSpan(
            "tollgate.upstream", context: span.context, ofKind: .client, at: DefaultTracerClock.now, function: #function, file: #fileID,
            line: #line)
        child.updateAttributes { attributes in
            attributes["tollgate.deployment_id"] = deployment.id
            attributes["tollgate.model_group"] = deployment.modelName
            attributes["tollgate.attempt"] = number
            attributes["gen_ai.system"] = deployment.provider
            attributes["gen_ai.request.model"] = deployment.upstreamModel
        }
        return child
    }

    /// The headers that carry `span`'s context upstream (`traceparent`, and `tracestate` when there is one).
    func upstreamHeaders(for span: any Span) -> [(String, String)] {
        var headers: [(String, String)] = []
        tracer.inject(span.context, into: &headers, using: HeaderPairInjector())
        return headers
    }

    /// Without a tracer the client's trace context goes upstream unchanged, so the upstream still joins its trace.
    static func passThroughHeaders(_ headers: HTTPFields) -> [(String, String)] {
        var passed: [(String, String)] = []
        if let parent = headers[traceparent] { passed.append(("traceparent", parent)) }
        if let state = headers[tracestate] { passed.append(("tracestate", state)) }
        return passed
    }

    private static let traceparent = HTTPField.Name("traceparent")!
    private static let tracestate = HTTPField.Name("tracestate")!

    /// Ends the request's span with how the request ended.
    func finish(_ request: GatewayRequest, outcome: CallOutcome) {
        let status = outcome.error.map { Int($0.status.code) } ?? 200
        span.updateAttributes { attributes in
            attributes["http.response.status_code"] = status
            if let deployment = outcome.deployment { attributes["tollgate.deployment_id"] = deployment.id }
            if let alias = request.principal.keyAlias { attributes["tollgate.key_alias"] = alias }
            if let team = request.principal.teamID { attributes["tollgate.team_id"] = team }
            if let usage = outcome.usage {
                attributes["gen_ai.usage.input_tokens"] = usage.promptTokens
                attributes["gen_ai.usage.output_tokens"] = usage.completionTokens
            }
            attributes["tollgate.cost_usd"] = outcome.cost
        }
        Self.fail(span, error: outcome.error)
        span.end()
    }

    /// Ends the span of a request that failed before it had a record (auth refused it).
    func finish(error: GatewayError) {
        span.attributes["http.response.status_code"] = Int(error.status.code)
        Self.fail(span, error: error)
        span.end()
    }

    static func end(_ span: any Span, hook run: HookRun) {
        span.attributes["tollgate.decision"] = run.decision.rawValue
        if run.decision == .rejected || run.decision == .failed {
            span.setStatus(SpanStatus(code: .error, message: run.reason))
        }
        span.end()
    }

    static func end(_ span: any Span, status: Int?, error: GatewayError?) {
        if let status { span.attributes["http.response.status_code"] = status }
        fail(span, error: error)
        span.end()
    }

    private static func fail(_ span: any Span, error: GatewayError?) {
        guard let error else { return }
        span.attributes["error.type"] = error.code ?? error.type
        span.setStatus(SpanStatus(code: .error, message: error.message))
    }
}

/// Reads trace context from the client's request headers.
struct HTTPFieldsExtractor: Extractor {
    func extract(key: String, from carrier: HTTPFields) -> String? {
        HTTPField.Name(key).flatMap { carrier[$0] }
    }
}

/// Writes trace context into an upstream call's extra headers.
struct HeaderPairInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [(String, String)]) {
        carrier.append((key, value))
    }
}
