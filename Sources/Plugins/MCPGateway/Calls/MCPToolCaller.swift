import Foundation
import GatewayCore
import HTTPTypes
import Tracing

/// One client's call as the endpoint hands it on: who calls, with which headers, through which pipeline, and where
/// the call's progress notifications go (nil when the answer cannot carry them: a JSON answer).
struct MCPCaller: Sendable {
    var requestID: String
    var principal: Principal
    var headers: HTTPFields
    var runner: PipelineRunner
    var progress: MCPProgressSink? = nil

    /// The client headers a server forwards (its `extra_headers`), as they came.
    func forwardedHeaders(for server: MCPServerDefinition) -> HTTPFields {
        var fields = HTTPFields()
        for name in server.passThroughHeaders {
            guard let fieldName = HTTPField.Name(name) else { continue }
            for value in headers[values: fieldName] { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return fields
    }
}

/// Runs one `tools/call` through what applies to it, in order: access (``MCPAccess``), rate limits
/// (``MCPRateLimiter``), the guardrail hooks on the arguments, the upstream call, the guardrail hooks on the result;
/// then logs it whatever happened: a spend-log row of kind `mcp` (through the logging hooks), the metrics, a span.
/// The server's progress notifications go to the caller's sink; a call whose task is cancelled (the client's
/// `notifications/cancelled`, or its connection closed) is cancelled upstream and logged with outcome `cancelled`.
struct MCPToolCaller: Sendable {
    let registry: MCPServerRegistry
    let limiter: MCPRateLimiter
    let metrics: MCPMetrics

    /// - Returns: the call's result as the server gave it (guardrails applied), or the JSON-RPC error for the client.
    func call(server: MCPServerDefinition, tool: String, params: JSON, caller: MCPCaller) async -> Result<JSON, JSONRPCError> {
        let started = Date()
        let span = caller.runner.pluginTracer.map { tracer in
            let span = tracer.startSpan(
                "mcp tools/call", context: .topLevel, ofKind: .client, at: DefaultTracerClock.now, function: #function, file: #fileID, line: #line)
            span.updateAttributes { attributes in
                attributes["mcp.server"] = server.name
                attributes["mcp.tool"] = tool
                attributes["tollgate.request_id"] = caller.requestID
            }
            return span as any Span
        }
        let (result, outcome) = await run(server: server, tool: tool, params: params, caller: caller)
        let ended = Date()
        if case .failure(let error) = result {
            span?.setStatus(SpanStatus(code: .error, message: error.message))
        }
        span?.attributes["mcp.outcome"] = outcome
        span?.end()
        metrics.record(server: server.name, tool: tool, outcome: outcome, seconds: ended.timeIntervalSince(started))
        caller.runner.log(logEvent(server: server, tool: tool, outcome: outcome, result: result, caller: caller, from: started, to: ended))
        return result
    }

    private func run(server: MCPServerDefinition, tool: String, params: JSON, caller: MCPCaller) async -> (Result<JSON, JSONRPCError>, String) {
        if let refusal = MCPAccess(principal: caller.principal).refusal(for: server, tool: tool) {
            return (.failure(.forbidden(refusal.message, reason: refusal.reason)), "refused")
        }
        let limits = MCPRateLimiter.Limits(perServer: server.rpmLimit, perKey: server.keyRPMLimit, perTeam: server.teamRPMLimit)
        let key = caller.principal.keyHash ?? caller.principal.subject
        if let limited = limiter.admit(server: server.name, key: key, team: caller.principal.teamID, limits: limits) {
            return (.failure(.rateLimited(limited.message, retryAfter: limited.retryAfter)), "rate_limited")
        }
        var arguments = params["arguments"] ?? .object([:])
        // The guardrails always see the call (with no messages when the arguments hold no text), so those that check
        // results have begun it.
        let body = MCPGuardedContent.requestBody(server: server.name, tool: tool, arguments: arguments)
        var guarded = GatewayRequest(
            id: caller.requestID, endpoint: .mcp, route: "/mcp", headers: caller.headers,
            body: body ?? ["model": .string("mcp/\(server.name)/\(tool)"), "messages": []], principal: caller.principal,
            receivedAtDate: Date().timeIntervalSince1970)
        do {
            guard try await caller.runner.guardContent(&guarded) else {
                return (.failure(JSONRPCError(code: -32000, message: "A guardrail answered in place of the tool.")), "blocked")
            }
            if body != nil { arguments = MCPGuardedContent.arguments(arguments, from: guarded.body) }
        } catch let error as GatewayError {
            return (.failure(JSONRPCError(error)), "blocked")
        } catch {
            return (.failure(JSONRPCError(code: -32603, message: "A guardrail failed.")), "blocked")
        }
        var upstreamParams = params
        upstreamParams["name"] = .string(tool)
        upstreamParams["arguments"] = arguments
        let answer: JSON
        do {
            let connection = await registry.connection(to: server)
            answer = try await connection.send(
                method: "tools/call", params: upstreamParams, headers: caller.forwardedHeaders(for: server), progress: caller.progress)
        } catch is CancellationError {
            return (.failure(.cancelled), "cancelled")
        } catch let error as MCPUpstreamError {
            return (.failure(error.rpcError), "upstream_error")
        } catch {
            return (.failure(.upstream("MCP server '\(server.name)' failed.", kind: "unreachable")), "upstream_error")
        }
        if let error = answer["error"] {
            return (
                .failure(JSONRPCError(code: error["code"]?.intValue ?? -32603, message: error["message"]?.stringValue ?? "", data: error["data"])),
                "upstream_error"
            )
        }
        var result = answer["result"] ?? .object([:])
        if var answerBody = MCPGuardedContent.responseBody(result) {
            do {
                try await caller.runner.guardAnswer(guarded, response: &answerBody)
                result = MCPGuardedContent.result(result, from: answerBody)
            } catch let error as GatewayError {
                return (.failure(JSONRPCError(error)), "blocked")
            } catch {
                return (.failure(JSONRPCError(code: -32603, message: "A guardrail failed.")), "blocked")
            }
        }
        return (.success(result), result["isError"]?.boolValue == true ? "tool_error" : "success")
    }

    private func logEvent(
        server: MCPServerDefinition, tool: String, outcome: String, result: Result<JSON, JSONRPCError>, caller: MCPCaller, from start: Date,
        to end: Date
    ) -> RequestLogEvent {
        var callOutcome = CallOutcome()
        if case .failure(let error) = result {
            let status: HTTPResponse.Status =
                switch outcome {
                case "refused", "blocked": .forbidden
                case "rate_limited": .tooManyRequests
                case "cancelled": HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")
                default: .badGateway
                }
            callOutcome.error = GatewayError(status: status, message: error.message, type: "mcp_error", code: outcome)
        }
        callOutcome.latency = .seconds(end.timeIntervalSince(start))
        // A call that reached the server costs what the server's cost info says (LiteLLM's per-query cost).
        if outcome == "success" || outcome == "tool_error" { callOutcome.cost = server.cost(of: tool) }
        let annotations: [String: JSON] = [
            "mcp_server": .string(server.name), "mcp_server_id": .string(server.id), "mcp_tool": .string(tool), "mcp_outcome": .string(outcome),
            "mcp_duration_ms": .double((end.timeIntervalSince(start) * 1000).rounded()),
        ]
        return RequestLogEvent(
            requestID: caller.requestID, endpoint: .mcp, requestedModel: MCPNames.namespaced(server: server.name, name: tool),
            principal: caller.principal, outcome: callOutcome, startTime: start.timeIntervalSince1970, endTime: end.timeIntervalSince1970,
            streamed: false, annotations: annotations)
    }
}
