import GatewayCore
import HTTPTypes

/// Resolves the policies of each LLM request from the in-memory registry and hands their guardrails to the
/// guardrail plugins in ``GatewayRequest/policyGuardrails``. It runs as a guardrail hook, so plugins.json must
/// list `policies` before `guardrails`. The response header `x-tollgate-policies` names the production policies
/// that applied (LiteLLM's `x-litellm-applied-policies`).
struct PolicyHook: GuardrailHook {
    let registry: PolicyRegistry

    static let header = HTTPField.Name("x-tollgate-policies")!

    func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
        let snapshot = registry.snapshot
        guard !snapshot.attachments.isEmpty else { return .proceed }
        let resolved = PolicyResolver.resolve(snapshot, PolicyFacts(request: request))
        request.policyGuardrails = resolved
        if !resolved.policies.isEmpty { request.responseHeaders.set(Self.header, resolved.policies.joined(separator: ",")) }
        return .proceed
    }
}
