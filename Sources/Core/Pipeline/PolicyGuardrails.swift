/// The guardrails a policy engine chose for one request.
///
/// A policy plugin sets ``GatewayRequest/policyGuardrails`` in its pre-call hook, before the guardrail hooks
/// run; a guardrail plugin treats ``enforced`` like the guardrails a key or team names (they block, and switching
/// one off needs the permission to modify guardrails) and runs ``shadow`` without letting them block or change
/// anything, recording what they would have done.
public struct PolicyGuardrails: Sendable, Hashable {
    /// A guardrail that runs on behalf of a shadow policy version.
    public struct Shadow: Sendable, Hashable {
        public var guardrail: String
        /// The policy whose shadow version asked for it.
        public var policy: String

        public init(guardrail: String, policy: String) {
            self.guardrail = guardrail
            self.policy = policy
        }
    }

    /// Names of the guardrails the matching production policies apply.
    public var enforced: [String]
    /// Guardrails only shadow versions apply (none of them is in ``enforced``).
    public var shadow: [Shadow]
    /// The names of the production policies that matched.
    public var policies: [String]

    public init(enforced: [String] = [], shadow: [Shadow] = [], policies: [String] = []) {
        self.enforced = enforced
        self.shadow = shadow
        self.policies = policies
    }

    public static let none = PolicyGuardrails()
}
