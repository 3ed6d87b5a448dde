public import GatewayCore

extension BudgetsPlugin {
    /// The plugin's `config` object; see ``BudgetsPlugin`` for the table of keys.
    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = [
            "max_budget", "soft_budget", "budget_duration", "end_user_budget", "tag_budgets", "alert_webhook_url", "alert_threshold",
            "reconcile_seconds", "budget_admission", "default_max_output_tokens", "lease_fraction", "lease_max_usd", "lease_ttl_seconds",
            "rate_limit_sync_seconds",
        ]

        /// The whole gateway's budget (LiteLLM's proxy `max_budget`, `soft_budget`, `budget_duration`).
        public var global: BudgetLimits
        /// Limits for every end user (the body's `user`) that the auth plugin lists no limits for.
        public var endUserBudget: BudgetLimits?
        /// Limits per tag of `metadata.tags`.
        public var tagBudgets: [String: BudgetLimits]
        /// Where alerts are POSTed as JSON; nil logs them only.
        public var alertWebhookURL: String?
        /// The fraction of `max_budget` whose crossing sends a warning, in (0, 1].
        public var alertThreshold: Double
        /// How often stored counters (other instances' spend) are merged in and due resets swept.
        public var reconcileSeconds: Double
        /// What a `max_budget` does with a request whose worst case does not fit beside spend and the requests in flight.
        public var admission: BudgetAdmission
        /// Output tokens reserved per choice for a request that names no `max_tokens` on a model whose output limit
        /// is unknown (neither `model_info.max_output_tokens` nor the price tables).
        public var defaultMaxOutputTokens: Int
        /// With a shared store: the slice of a scope's `max_budget` (and of its `rpm_limit`) an instance leases at a
        /// time beyond what a request needs, in (0, 1].
        public var leaseFraction: Double
        /// With a shared store: the largest budget slice in USD, whatever the fraction; nil: no cap.
        public var leaseMaxUSD: Double?
        /// With a shared store: how long a budget lease holds unless renewed (an instance that dies frees its slice
        /// after this long).
        public var leaseTTLSeconds: Double
        /// With a shared store: how often each instance reports its tokens per minute and reads the others'.
        public var rateLimitSyncSeconds: Double

        /// A configuration built in code (plugins.json is decoded by `init(from:)`).
        /// - Throws: ``ConfigError`` naming the first key with a bad value, as startup would.
        public init(
            global: BudgetLimits = BudgetLimits(), endUserBudget: BudgetLimits? = nil, tagBudgets: [String: BudgetLimits] = [:],
            alertWebhookURL: String? = nil, alertThreshold: Double = 0.8, reconcileSeconds: Double = 5, admission: BudgetAdmission = .edge,
            defaultMaxOutputTokens: Int = CostCeiling.defaultOutputTokens, leaseFraction: Double = 0.1, leaseMaxUSD: Double? = nil,
            leaseTTLSeconds: Double = 30, rateLimitSyncSeconds: Double = 0.25
        ) throws {
            self.leaseFraction = leaseFraction
            self.admission = admission
            self.leaseMaxUSD = leaseMaxUSD
            self.leaseTTLSeconds = leaseTTLSeconds
            self.rateLimitSyncSeconds = rateLimitSyncSeconds
            self.defaultMaxOutputTokens = defaultMaxOutputTokens
            self.global = global
            self.endUserBudget = endUserBudget
            self.tagBudgets = tagBudgets
            self.alertWebhookURL = alertWebhookURL
            self.alertThreshold = alertThreshold
            self.reconcileSeconds = reconcileSeconds
            try validate()
        }

        enum CodingKeys: String, CodingKey {
            case maxBudget = "max_budget"
            case softBudget = "soft_budget"
            case budgetDuration = "budget_duration"
            case endUserBudget = "end_user_budget"
            case tagBudgets = "tag_budgets"
            case alertWebhookURL = "alert_webhook_url"
            case alertThreshold = "alert_threshold"
            case reconcileSeconds = "reconcile_seconds"
            case admission = "budget_admission"
            case defaultMaxOutputTokens = "default_max_output_tokens"
            case leaseFraction = "lease_fraction"
            case leaseMaxUSD = "lease_max_usd"
            case leaseTTLSeconds = "lease_ttl_seconds"
            case rateLimitSyncSeconds = "rate_limit_sync_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            global = BudgetLimits(
                maxBudget: try container.decodeIfPresent(Double.self, forKey: .maxBudget),
                softBudget: try container.decodeIfPresent(Double.self, forKey: .softBudget),
                budgetDuration: try container.decodeIfPresent(String.self, forKey: .budgetDuration))
            let endUser = try container.decodeIfPresent(LimitsObject.self, forKey: .endUserBudget)
            try endUser?.rejectUnknownKeys(at: "end_user_budget")
            endUserBudget = endUser?.limits
            let tags = try container.decodeIfPresent([String: LimitsObject].self, forKey: .tagBudgets) ?? [:]
            for (tag, object) in tags { try object.rejectUnknownKeys(at: "tag_budgets.\(tag)") }
            tagBudgets = tags.mapValues(\.limits)
            alertWebhookURL = try container.decodeIfPresent(String.self, forKey: .alertWebhookURL)
            alertThreshold = try container.decodeIfPresent(Double.self, forKey: .alertThreshold) ?? 0.8
            reconcileSeconds = try container.decodeIfPresent(Double.self, forKey: .reconcileSeconds) ?? 5
            let admissionName = try container.decodeIfPresent(String.self, forKey: .admission) ?? BudgetAdmission.edge.rawValue
            guard let admission = BudgetAdmission(rawValue: admissionName) else {
                let known = BudgetAdmission.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigError("config key 'config.budget_admission' must be one of \(known), not '\(admissionName)'")
            }
            self.admission = admission
            defaultMaxOutputTokens = try container.decodeIfPresent(Int.self, forKey: .defaultMaxOutputTokens) ?? CostCeiling.defaultOutputTokens
            leaseFraction = try container.decodeIfPresent(Double.self, forKey: .leaseFraction) ?? 0.1
            leaseMaxUSD = try container.decodeIfPresent(Double.self, forKey: .leaseMaxUSD)
            leaseTTLSeconds = try container.decodeIfPresent(Double.self, forKey: .leaseTTLSeconds) ?? 30
            rateLimitSyncSeconds = try container.decodeIfPresent(Double.self, forKey: .rateLimitSyncSeconds) ?? 0.25
            try validate()
        }

        /// - Throws: ``ConfigError`` naming the first key with a bad value.
        func validate() throws {
            try Self.validate(global, at: "")
            if let endUserBudget { try Self.validate(endUserBudget, at: "end_user_budget.") }
            for (tag, limits) in tagBudgets.sorted(by: { $0.key < $1.key }) { try Self.validate(limits, at: "tag_budgets.\(tag).") }
            guard alertThreshold > 0, alertThreshold <= 1 else {
                throw ConfigError("config key 'config.alert_threshold' must be greater than 0 and at most 1 (a fraction of max_budget)")
            }
            try InputRange.settingSeconds(reconcileSeconds, key: "reconcile_seconds")
            guard defaultMaxOutputTokens >= 0 else { throw ConfigError("config key 'config.default_max_output_tokens' must not be negative") }
            guard leaseFraction > 0, leaseFraction <= 1 else {
                throw ConfigError("config key 'config.lease_fraction' must be greater than 0 and at most 1 (a fraction of max_budget)")
            }
            if let leaseMaxUSD, !(leaseMaxUSD > 0 && leaseMaxUSD <= InputRange.maxUSD) {
                throw ConfigError("config key 'config.lease_max_usd' must be positive and at most \(Int(InputRange.maxUSD))")
            }
            guard leaseTTLSeconds >= 1, leaseTTLSeconds <= 86_400 else {
                throw ConfigError("config key 'config.lease_ttl_seconds' must be at least 1 and at most 86400")
            }
            guard defaultMaxOutputTokens <= InputRange.maxTokens else {
                throw ConfigError("config key 'config.default_max_output_tokens' must be at most \(InputRange.maxTokens)")
            }
            guard rateLimitSyncSeconds > 0, rateLimitSyncSeconds <= 60 else {
                throw ConfigError("config key 'config.rate_limit_sync_seconds' must be positive and at most 60")
            }
            if let url = alertWebhookURL, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                throw ConfigError("config key 'config.alert_webhook_url' must be an http:// or https:// URL")
            }
        }

        /// - Throws: ``ConfigError`` naming the first field out of its ``InputRange``.
        private static func validate(_ limits: BudgetLimits, at prefix: String) throws {
            do {
                try InputRange.limits(limits, prefix: prefix)
            } catch {
                throw ConfigError("config key 'config.\(error.field)' \(error.problem)")
            }
        }
    }
}

/// One scope's limits as written in the config (`end_user_budget`, each entry of `tag_budgets`).
private struct LimitsObject: Decodable {
    static let keys: Set<String> = ["max_budget", "soft_budget", "budget_duration", "rpm_limit", "tpm_limit", "max_parallel_requests"]

    var limits: BudgetLimits
    var unknownKeys: [String]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        unknownKeys = container.allKeys.map(\.stringValue).filter { !Self.keys.contains($0) }.sorted()
        limits = BudgetLimits(
            maxBudget: try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "max_budget")),
            softBudget: try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "soft_budget")),
            budgetDuration: try container.decodeIfPresent(String.self, forKey: Key(stringValue: "budget_duration")),
            rpmLimit: try container.decodeIfPresent(Int.self, forKey: Key(stringValue: "rpm_limit")),
            tpmLimit: try container.decodeIfPresent(Int.self, forKey: Key(stringValue: "tpm_limit")),
            maxParallelRequests: try container.decodeIfPresent(Int.self, forKey: Key(stringValue: "max_parallel_requests")))
    }

    func rejectUnknownKeys(at path: String) throws {
        guard let unknown = unknownKeys.first else { return }
        throw ConfigError(
            "config key 'config.\(path).\(unknown)' is unknown (known keys: \(Self.keys.sorted().joined(separator: ", ")))")
    }
}
