import AsyncHTTPClient
import GatewayCore
import Logging
import Testing

@testable import Budgets

/// The plugin's config: defaults, nested scopes, and bad values that stop startup naming the key.
@Suite("budgets configuration")
struct BudgetsConfigurationTests {
    /// Builds the plugin through the registry as plugins.json would, without a store.
    static func startupError(_ config: JSON) async -> String? {
        let context = PluginContext(
            logger: Logger(label: "budgets-tests", factory: { _ in SwiftLogNoOpLogHandler() }), config: GatewayConfig(), store: nil,
            httpClient: .shared, environment: [:])
        let manifest = PluginManifest(entries: [.init(name: "budgets", config: config)])
        do {
            _ = try await PluginRegistry([BudgetsPlugin.self]).build(manifest, context: context)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("an empty config has the documented defaults")
    func defaults() throws {
        let configuration = try JSON.object([:]).decode(BudgetsPlugin.Configuration.self)
        #expect(configuration.global.isEmpty)
        #expect(configuration.endUserBudget == nil)
        #expect(configuration.tagBudgets.isEmpty)
        #expect(configuration.alertWebhookURL == nil)
        #expect(configuration.alertThreshold == 0.8)
        #expect(configuration.reconcileSeconds == 5)
        #expect(configuration.leaseFraction == 0.1)
        #expect(configuration.leaseMaxUSD == nil)
        #expect(configuration.leaseTTLSeconds == 30)
        #expect(configuration.rateLimitSyncSeconds == 0.25)
    }

    @Test("every key is read")
    func everyKey() throws {
        let config: JSON = [
            "max_budget": 100, "soft_budget": 50, "budget_duration": "30d",
            "end_user_budget": [
                "max_budget": 1, "soft_budget": 0.5, "budget_duration": "1d", "rpm_limit": 10, "tpm_limit": 1000, "max_parallel_requests": 2,
            ],
            "tag_budgets": ["prod": ["max_budget": 20, "budget_duration": "1mo"]],
            "alert_webhook_url": "https://hooks.example.com/budgets", "alert_threshold": 0.9, "reconcile_seconds": 2.5,
            "lease_fraction": 0.2, "lease_max_usd": 3, "lease_ttl_seconds": 10, "rate_limit_sync_seconds": 0.5,
        ]
        let configuration = try config.decode(BudgetsPlugin.Configuration.self)
        #expect(configuration.global == BudgetLimits(maxBudget: 100, softBudget: 50, budgetDuration: "30d"))
        #expect(
            configuration.endUserBudget
                == BudgetLimits(maxBudget: 1, softBudget: 0.5, budgetDuration: "1d", rpmLimit: 10, tpmLimit: 1000, maxParallelRequests: 2))
        #expect(configuration.tagBudgets == ["prod": BudgetLimits(maxBudget: 20, budgetDuration: "1mo")])
        #expect(configuration.alertWebhookURL == "https://hooks.example.com/budgets")
        #expect(configuration.alertThreshold == 0.9)
        #expect(configuration.reconcileSeconds == 2.5)
        #expect(configuration.leaseFraction == 0.2)
        #expect(configuration.leaseMaxUSD == 3)
        #expect(configuration.leaseTTLSeconds == 10)
        #expect(configuration.rateLimitSyncSeconds == 0.5)
    }

    @Test(
        "a bad value stops startup naming the key",
        arguments: [
            (["max_budget": -1], "'config.max_budget' must be between 0 and 100000000 (USD)"),
            (["max_budget": 1e9], "'config.max_budget' must be between 0 and 100000000 (USD)"),
            (["soft_budget": -0.5], "'config.soft_budget' must be between 0 and 100000000 (USD)"),
            (["budget_duration": "3 weeks"], "'config.budget_duration' must be a duration"),
            (["budget_duration": "0d"], "'config.budget_duration' must be a duration"),
            (["budget_duration": "1000000000000d"], "'config.budget_duration' must be at most 100 years"),
            (["alert_threshold": 0], "'config.alert_threshold' must be greater than 0 and at most 1"),
            (["alert_threshold": 1.5], "'config.alert_threshold' must be greater than 0 and at most 1"),
            (["reconcile_seconds": 0], "'config.reconcile_seconds' must be positive"),
            (["reconcile_seconds": 1e300], "'config.reconcile_seconds' must be positive and at most 86400 (seconds)"),
            (["lease_fraction": 0], "'config.lease_fraction' must be greater than 0 and at most 1"),
            (["lease_fraction": 2], "'config.lease_fraction' must be greater than 0 and at most 1"),
            (["lease_max_usd": 0], "'config.lease_max_usd' must be positive"),
            (["lease_max_usd": 1e300], "'config.lease_max_usd' must be positive and at most 100000000"),
            (["lease_ttl_seconds": 0.5], "'config.lease_ttl_seconds' must be at least 1"),
            (["rate_limit_sync_seconds": 0], "'config.rate_limit_sync_seconds' must be positive"),
            (["alert_webhook_url": "hooks.example.com"], "'config.alert_webhook_url' must be an http:// or https:// URL"),
            (["tag_budgets": ["prod": ["max_budget": -2]]], "'config.tag_budgets.prod.max_budget' must be between 0 and"),
            (["tag_budgets": ["prod": ["budget_duration": "soon"]]], "'config.tag_budgets.prod.budget_duration' must be a duration"),
            (["end_user_budget": ["rpm_limit": -1]], "'config.end_user_budget.rpm_limit' must be a whole number from 0 to"),
            (["end_user_budget": ["tpm_limit": 9_007_199_254_740_992]], "'config.end_user_budget.tpm_limit' must be a whole number from 0 to"),
            (["end_user_budget": ["max_budgets": 1]], "'config.end_user_budget.max_budgets' is unknown"),
            (["max_budget": "lots"], "'config.max_budget'"),
            (["alert_treshold": 0.5], "unknown config key 'alert_treshold'"),
        ] as [(JSON, String)])
    func badValues(_ config: JSON, _ expected: String) async throws {
        let message = try #require(await Self.startupError(config))
        #expect(message.contains("plugin 'budgets'"), "\(message)")
        #expect(message.contains(expected), "\(message)")
    }

    @Test("a valid config without a store stops startup asking for one")
    func needsStore() async throws {
        let message = try #require(await Self.startupError(["max_budget": 10]))
        #expect(message.contains("needs a storage plugin"))
    }
}
