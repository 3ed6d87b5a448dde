import AsyncHTTPClient
import GatewayCore
import Logging
import NIOCore
import NIOHTTP1

/// The `http` kind: a guardrail written in any language, behind a URL.
///
/// Each check POSTs `{"guardrail": name, "mode": "pre_call", "texts": [...], "request_id": id}` and reads one of
/// `{"action": "allow"}`, `{"action": "block", "reason": "..."}` or `{"action": "modify", "texts": [...]}` (as
/// many texts as were sent, same order). A timeout, a non-2xx status or an answer that is none of these is a
/// failure: with `on_failure: "open"` it is logged and the texts pass; with `"closed"` (the default, since a
/// guardrail that cannot be asked has not checked anything) the request is refused with 503
/// `guardrail_unavailable`.
struct HTTPGuardrail: Sendable {
    var url: String
    var headers: [String: String]
    var timeoutSeconds: Double
    var failOpen: Bool

    func evaluate(
        _ texts: [String], name: String, mode: GuardrailMode, requestID: String, services: GuardrailServices
    ) async throws -> GuardrailVerdict {
        let logger = services.logger
        do {
            return try await ask(texts, name: name, mode: mode, requestID: requestID, httpClient: services.httpClient)
        } catch {
            let failure = error
            logger.warning(
                "http guardrail failed",
                metadata: ["guardrail": .string(name), "error": .string(failure.reason), "fail_open": .stringConvertible(failOpen)])
            if failOpen { return .allow }
            throw GatewayError.guardrailUnavailable(name: name)
        }
    }

    private func ask(
        _ texts: [String], name: String, mode: GuardrailMode, requestID: String, httpClient: HTTPClient
    ) async throws(ServiceFailure) -> GuardrailVerdict {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for (field, value) in headers { request.headers.add(name: field, value: value) }
        let payload: JSON = [
            "guardrail": .string(name), "mode": .string(mode.rawValue), "texts": .array(texts.map(JSON.string)), "request_id": .string(requestID),
        ]
        request.body = .bytes(payload.serialized())
        let answer: JSON
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
            let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
            guard (200..<300).contains(response.status.code) else { throw ServiceFailure("status \(response.status.code)") }
            answer = try JSON(parsing: body)
        } catch let failure as ServiceFailure {
            throw failure
        } catch {
            throw ServiceFailure(String(describing: error))
        }
        switch answer["action"]?.stringValue {
        case "allow":
            return .allow
        case "block":
            return .block(reason: answer["reason"]?.stringValue ?? "blocked by the guardrail service")
        case "modify":
            guard let modified = answer["texts"]?.arrayValue?.compactMap(\.stringValue), modified.count == texts.count else {
                throw ServiceFailure("a modify answer must carry as many texts as were sent (\(texts.count)), all strings")
            }
            return .rewrite(modified)
        default:
            throw ServiceFailure("the answer's action must be allow, block or modify")
        }
    }

    private struct ServiceFailure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
