import GatewayCore

/// A LiteLLM `presidio` guardrail (config.yaml), served by Tollgate's built-in PII detector: the Presidio analyzer
/// and anonymizer services are not called.
///
/// `pii_entities_config` maps Presidio entity names to `MASK` or `BLOCK`; Tollgate detects `EMAIL_ADDRESS`,
/// `PHONE_NUMBER`, `CREDIT_CARD`, `US_SSN` and `IP_ADDRESS`, and another entity stops startup (a check that
/// would find nothing must not look configured). Without it, those five are masked, as Presidio masks every entity
/// it finds, and a startup warning says that names, places and the other Presidio entities are not detected. Masks
/// read `<ENTITY_NAME>`, Presidio's own placeholders. The service settings (`presidio_analyzer_api_base`,
/// `presidio_language`, `output_parse_pii`, ...) are read and ignored, with a warning.
struct PresidioRules {
    static let serviceKeys: Set<String> = [
        "presidio_analyzer_api_base", "presidio_anonymizer_api_base", "presidio_language", "output_parse_pii", "presidio_score_thresholds",
        "presidio_ad_hoc_recognizers", "presidio_filter_scope", "api_key", "api_base",
    ]
    static let keys = serviceKeys.union(["pii_entities_config"])
    static let entities: [String: PIIEntity] = [
        "EMAIL_ADDRESS": .email, "PHONE_NUMBER": .phone, "CREDIT_CARD": .creditCard, "US_SSN": .usSSN, "IP_ADDRESS": .ipAddress,
    ]

    var rules: [ContentRules.Rule] = []
    var warnings: [String] = []

    /// - Throws: ``ConfigError`` for an entity Tollgate does not detect or an action that is not MASK or BLOCK.
    init(_ params: [String: JSON], path: String) throws {
        var chosen: [(name: String, blocks: Bool)] = []
        if let value = params["pii_entities_config"], !value.isNull {
            guard let config = value.objectValue, !config.isEmpty else {
                throw ConfigError("\(path).pii_entities_config must be a mapping of entity names to MASK or BLOCK")
            }
            for name in config.keys.sorted() {
                guard Self.entities[name] != nil else {
                    throw ConfigError(
                        "\(path).pii_entities_config: entity '\(name)' is not one Tollgate detects (\(Self.entities.keys.sorted().joined(separator: ", ")))"
                    )
                }
                chosen.append((name, try ContentFilterRules.blocks(config[name], path: "\(path).pii_entities_config.\(name)")))
            }
        } else {
            chosen = Self.entities.keys.sorted().map { ($0, false) }
            warnings.append(
                "\(path): presidio is served by Tollgate's built-in detector, which masks \(chosen.map(\.name).joined(separator: ", ")) "
                    + "only (not names, places or Presidio's other entities)")
        }
        let ignored = params.keys.filter(Self.serviceKeys.contains).sorted()
        if !ignored.isEmpty {
            warnings.append("\(path): \(ignored.joined(separator: ", ")) ignored (no Presidio service is called)")
        }
        rules = chosen.compactMap { name, blocks in
            Self.entities[name].map { entity in
                ContentRules.Rule(matcher: PIIMatcher(entities: [entity], placeholder: { _ in "<\(name)>" }), blocks: blocks)
            }
        }
    }
}
