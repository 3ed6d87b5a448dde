import GatewayCore
import HTTPTypes
import Logging

/// The guardrails plugin's hook: selects the guardrails of each request, runs the request-side ones before the
/// call and the response-side ones on the answer (see ``GuardrailSelection`` for the selection rules).
///
/// Pre-call: `pre_call` guardrails in config order, each seeing the texts as the previous one left them
/// (masking), then `during_call` ones, which may only block. Post-call: `post_call` guardrails in config order
/// on the answer's text; streamed answers go through ``inspectChunk(_:chunk:)``. The response header
/// `x-tollgate-guardrails` lists every guardrail selected for the request (all modes), comma-separated; it is
/// set before the call, so error responses carry it too.
struct GuardrailEnforcer: GuardrailHook {
    let definitions: [GuardrailDefinition]
    let byName: [String: GuardrailDefinition]
    let configuredNames: [String]
    let defaultOn: Set<String>
    let hasPostCall: Bool
    /// How many characters of a stream's past text are kept to catch matches split across chunks.
    let windowCharacters: Int
    let services: GuardrailServices
    let states: RequestStates

    static let header = HTTPField.Name("x-tollgate-guardrails")!

    init(definitions: [GuardrailDefinition], windowCharacters: Int, services: GuardrailServices, states: RequestStates = RequestStates()) {
        self.definitions = definitions
        byName = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        configuredNames = definitions.map(\.name)
        defaultOn = Set(definitions.filter(\.defaultOn).map(\.name))
        hasPostCall = definitions.contains { $0.modes.contains(.postCall) }
        self.windowCharacters = windowCharacters
        self.services = services
        self.states = states
    }

    func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
        let selection = try GuardrailSelection(
            body: request.body, principal: request.principal, policy: request.policyGuardrails, configured: configuredNames, defaultOn: defaultOn)
        if GuardrailSelection.controlFields.contains(where: { request.body[$0] != nil || request.body["metadata"]?[$0] != nil }) {
            request.body = GuardrailSelection.removingControlFields(from: request.body)
        }
        let selected = selection.names.compactMap { byName[$0] }
        // Begun even when nothing post-call was selected, so a switched-off guardrail stays off after the call.
        if hasPostCall {
            states.begin(
                request.id, postCall: selected.filter { $0.modes.contains(.postCall) }.map(\.name),
                shadowPostCall: selection.shadow.filter { byName[$0.guardrail]?.modes.contains(.postCall) == true })
        }
        if !selection.names.isEmpty { request.responseHeaders.set(Self.header, selection.names.joined(separator: ",")) }

        let requestSide =
            selected.filter { $0.modes.contains(.preCall) } + selected.filter { $0.modes.contains(.duringCall) && !$0.modes.contains(.preCall) }
        let shadowRequestSide = selection.shadow.filter { byName[$0.guardrail].map(Self.checksRequest) ?? false }
        guard !requestSide.isEmpty || !shadowRequestSide.isEmpty else { return .proceed }
        var texts = GuardedText.request(request.body)
        guard !texts.isEmpty else { return .proceed }
        // Shadow guardrails see the request as the client sent it, before any enforced one masks or blocks it.
        await runShadow(shadowRequestSide, on: texts, request: request, responseSide: false)
        var changed = false
        for definition in requestSide {
            let mode: GuardrailMode = definition.modes.contains(.preCall) ? .preCall : .duringCall
            switch try await definition.check.evaluate(texts, name: definition.name, mode: mode, requestID: request.id, services: services) {
            case .allow:
                break
            case .block(let reason):
                states.end(request.id)
                throw GatewayError.guardrailViolation(name: definition.name, reason: reason)
            case .rewrite(let rewritten):
                guard mode == .preCall else {
                    services.logger.warning(
                        "a during_call guardrail asked to modify the request; ignored", metadata: ["guardrail": .string(definition.name)])
                    continue
                }
                texts = rewritten
                changed = true
            }
        }
        if changed { request.body = GuardedText.request(request.body, replacingWith: texts) }
        return .proceed
    }

    static func checksRequest(_ definition: GuardrailDefinition) -> Bool {
        definition.modes.contains(.preCall) || definition.modes.contains(.duringCall)
    }

    func postCall(_ request: GatewayRequest, response: inout JSON) async throws {
        guard hasPostCall else { return }
        let state = states.end(request.id)
        let names = state?.postCall ?? enforcedPostCall(request)
        let shadow = state?.shadowPostCall ?? []
        guard !names.isEmpty || !shadow.isEmpty else { return }
        var texts = GuardedText.response(response)
        guard !texts.isEmpty else { return }
        await runShadow(shadow, on: texts, request: request, responseSide: true)
        var changed = false
        for definition in names.compactMap({ byName[$0] }) {
            switch try await definition.check.evaluate(texts, name: definition.name, mode: .postCall, requestID: request.id, services: services) {
            case .allow: break
            case .block(let reason): throw GatewayError.guardrailViolation(name: definition.name, reason: reason)
            case .rewrite(let rewritten):
                texts = rewritten
                changed = true
            }
        }
        if changed { response = GuardedText.response(response, replacingWith: texts) }
    }

    /// The post-call guardrails a request gets when its state is gone (idle past the TTL): the enforced ones,
    /// so a lost entry never switches off what the admin set. Guardrails only the request asked for are lost.
    func enforcedPostCall(_ request: GatewayRequest) -> [String] {
        let enforced = defaultOn.union(request.principal.guardrails).union(request.policyGuardrails.enforced)
        return definitions.filter { enforced.contains($0.name) && $0.modes.contains(.postCall) }.map(\.name)
    }
}
