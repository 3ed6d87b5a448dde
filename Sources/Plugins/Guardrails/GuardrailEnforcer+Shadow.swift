import GatewayCore
import Logging

extension GuardrailEnforcer {
    /// Runs guardrails of shadow policy versions on `texts` and records what each would have done, without blocking
    /// or changing anything: a warning in the log and an entry in the request's `shadow_guardrails` annotation (the
    /// spend log keeps it in the row's metadata). A guardrail that fails (an unreachable `http` one) is recorded as
    /// `error`; a pass is not recorded.
    func runShadow(_ shadow: [PolicyGuardrails.Shadow], on texts: [String], request: GatewayRequest, responseSide: Bool) async {
        for entry in shadow {
            guard let definition = byName[entry.guardrail] else { continue }
            let mode: GuardrailMode =
                responseSide ? .postCall : definition.modes.contains(.preCall) ? .preCall : .duringCall
            guard definition.modes.contains(mode) else { continue }
            let action: String
            var reason: String?
            do {
                switch try await definition.check.evaluate(texts, name: definition.name, mode: mode, requestID: request.id, services: services) {
                case .allow: continue
                case .block(let why):
                    action = "block"
                    reason = why
                case .rewrite:
                    action = "mask"
                }
            } catch {
                action = "error"
                reason = "\(error)"
            }
            request.annotations.append(
                [
                    "policy": .string(entry.policy), "guardrail": .string(entry.guardrail), "mode": .string(mode.rawValue),
                    "action": .string(action), "reason": reason.map(JSON.string) ?? .null,
                ], to: "shadow_guardrails")
            services.logger.warning(
                "shadow policy version would have acted on this request",
                metadata: [
                    "policy": .string(entry.policy), "guardrail": .string(entry.guardrail), "mode": .string(mode.rawValue),
                    "action": .string(action), "request_id": .string(request.id), "reason": .string(reason ?? ""),
                ])
        }
    }
}
