import GatewayCore
import HTTPTypes

/// Resolves the policies of each LLM request from the in-memory registry and hands their guardrails to the
/// guardrail plugins in ``GatewayRequest/policyGuardrails``. It runs as a guardrail hook, so plugins.json must
/// list `policies` before `guardrails`. The response header `x-tollgate-policies` names the production policies
/// that applied (LiteLLM's `x-litellm-applied-policies`).
///
/// Until the policies have been read once (the store was down at startup), requests are refused with 503
/// `storage_unavailable`: running them without their policies' guardrails would let through what they block.
struct PolicyHook: GuardrailHook {
    let registry: PolicyRegistry
    /// The startup read of the policies.
    let initial: StartupLoad

    static let header = HTTPField.Name("x-tollgate-policies")!

    func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
        guard initial.isLoaded else { throw GatewayError.storageUnavailable("Guardrail policies are not loaded yet: storage is unavailable.") }
        let snapshot = registry.snapshot
        guard !snapshot.attachments.isEmpty else { return .proceed }
        let resolved = PolicyResolver.resolve(snapshot, PolicyFacts(request: request))
        request.policyGuardrails = resolved
        if !resolved.policies.isEmpty { request.responseHeaders.set(Self.header, resolved.policies.joined(separator: ",")) }
        return .proceed
    }
}
