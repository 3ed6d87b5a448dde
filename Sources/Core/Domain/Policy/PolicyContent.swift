/// What a policy version says: which guardrails it adds and removes, what it builds on, and which models it
/// applies to. LiteLLM's policy fields (`guardrails_add`, `guardrails_remove`, `inherit`, `condition.model`).
public struct PolicyContent: Sendable, Hashable, Codable {
    public var description: String?
    /// The name of a policy whose production version's guardrails this one starts from.
    public var inherit: String?
    public var guardrailsAdd: [String]
    /// Guardrails taken out of what this policy inherits (never out of what keys, teams or `default_on` set).
    public var guardrailsRemove: [String]
    /// The model patterns (`*` wildcards) the policy applies to; empty applies to every model.
    public var models: [String]

    public init(
        description: String? = nil, inherit: String? = nil, guardrailsAdd: [String] = [], guardrailsRemove: [String] = [], models: [String] = []
    ) {
        self.description = description
        self.inherit = inherit
        self.guardrailsAdd = guardrailsAdd
        self.guardrailsRemove = guardrailsRemove
        self.models = models
    }

    enum CodingKeys: String, CodingKey {
        case description, inherit, models
        case guardrailsAdd = "guardrails_add"
        case guardrailsRemove = "guardrails_remove"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        inherit = try container.decodeIfPresent(String.self, forKey: .inherit)
        guardrailsAdd = try container.decodeIfPresent([String].self, forKey: .guardrailsAdd) ?? []
        guardrailsRemove = try container.decodeIfPresent([String].self, forKey: .guardrailsRemove) ?? []
        models = try container.decodeIfPresent([String].self, forKey: .models) ?? []
    }
}
