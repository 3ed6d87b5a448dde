import Foundation
import GRDB
import GatewayCore
import GatewayTesting
import Testing

/// The `alerts` plugin end to end: what budgets, the spend log and routing's health checks publish reaches a
/// loopback webhook as Slack-compatible JSON, once per state change.
@Suite struct AlertsTests {
    static func alerts(_ receiver: RecordingReceiver, kind: String, subject: String? = nil) -> [JSON] {
        receiver.bodies.filter {
            $0["alert"]?["kind"]?.stringValue == kind && (subject == nil || $0["alert"]?["subject"]?.stringValue == subject)
        }
    }

    static func waitFor(_ receiver: RecordingReceiver, kind: String, subject: String? = nil) async throws -> JSON {
        try await receiver.wait("a \(kind) alert") { alerts($0, kind: kind, subject: subject).first }
    }

    /// A gateway with storage, budgets and the spend log, in front of the test upstream, alerting to `receiver`. The
    /// webhook timeout is long: a POST the loaded receiver answers late would be sent again (at least once delivery).
    static func withBudgetGateway(
        _ receiver: RecordingReceiver, budgets: String, spendLog: String = #"{"flush_interval_seconds": 0.05}"#,
        _ body: (TestEndpoint, String) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/tollgate.db"
        let plugins = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(database)"}}, {"name": "master-key-auth"},
              {"name": "budgets", "config": \(budgets)}, {"name": "spend-log", "config": \(spendLog)},
              {"name": "alerts", "config": {"webhook_url": "\(receiver.url)", "timeout_seconds": 60}}]}
            """
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: plugins) { gateway in
                try await body(gateway, database)
            }
        }
    }

    static func chat(_ gateway: TestEndpoint) async throws {
        let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: GatewayFixture.masterKey)
        #expect(reply.status == 200, "\(reply.body)")
    }

    @Test func budgetCrossingIsSentOnce() async throws {
        try await RecordingReceiver.withRunning { receiver in
            // One call of gpt-test costs far more than the soft budget, so the first call crosses it.
            try await Self.withBudgetGateway(receiver, budgets: #"{"soft_budget": 0.000001}"#) { gateway, _ in
                for _ in 0..<3 { try await Self.chat(gateway) }
                let alert = try await Self.waitFor(receiver, kind: "budget_crossed")
                #expect(alert["alert"]?["subject"]?.stringValue == "global/soft_budget_crossed")
                #expect(alert["text"]?.stringValue?.contains("Budget crossed") == true, "\(alert)")
                #expect(alert["attachments"]?[0]?["fields"]?.arrayValue?.isEmpty == false)
                #expect(alert["alert"]?["details"]?["soft_budget"]?.doubleValue == 0.000001)
                try await Self.chat(gateway)
                try await Task.sleep(for: .milliseconds(300))
                #expect(Self.alerts(receiver, kind: "budget_crossed").count == 1, "\(receiver.bodies)")
                #expect(!"\(receiver.bodies)".contains(GatewayFixture.masterKey))
            }
        }
    }

    /// Another connection holds SQLite's write lock, so the spend log's writes time out; releasing it lets them land.
    @Test func failingSpendFlushAlertsOnceThenRecovers() async throws {
        try await RecordingReceiver.withRunning { receiver in
            try await Self.withBudgetGateway(
                receiver, budgets: "{}", spendLog: #"{"flush_interval_seconds": 0.05, "write_timeout_seconds": 0.3}"#
            ) { gateway, database in
                var configuration = GRDB.Configuration()
                configuration.allowsUnsafeTransactions = true
                configuration.busyMode = .timeout(10)
                let locker = try DatabaseQueue(path: database, configuration: configuration)
                try await locker.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
                do {
                    for _ in 0..<3 { try await Self.chat(gateway) }
                    let failing = try await Self.waitFor(receiver, kind: "spend_flush_failing")
                    #expect(failing["text"]?.stringValue?.contains("Spend logs cannot be written") == true, "\(failing)")
                    // Several more flushes fail while the lock is held; still one alert.
                    try await Task.sleep(for: .milliseconds(800))
                    try await Self.chat(gateway)
                } catch {
                    try? await locker.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
                    throw error
                }
                try await locker.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
                _ = try await Self.waitFor(receiver, kind: "spend_flush_recovered")
                try await Task.sleep(for: .milliseconds(300))
                #expect(Self.alerts(receiver, kind: "spend_flush_failing").count == 1, "\(receiver.bodies)")
                #expect(Self.alerts(receiver, kind: "spend_flush_recovered").count == 1, "\(receiver.bodies)")
                let logs = try await gateway.get("/spend/logs/ui?page_size=50", key: GatewayFixture.masterKey)
                #expect(logs.json?["total"]?.intValue == 4, "every row landed after recovery: \(logs.body)")
            }
        }
    }

    @Test func deploymentDownAndUpFromHealthChecks() async throws {
        try await RecordingReceiver.withRunning { receiver in
            try await RoutingPluginUpstream.withRunning(["flaky", "steady"]) { upstreams, endpoints in
                let models = zip(["flaky", "steady"], endpoints).map { name, endpoint in
                    """
                      - model_name: pool
                        litellm_params: {model: openai/\(name)-model, api_base: "\(endpoint.baseURL)/v1", api_key: \(RoutingPluginFixture.upstreamKey), timeout: 30}
                        model_info: {id: \(name)}
                    """
                }
                let config = """
                    model_list:
                    \(models.joined(separator: "\n"))
                    router_settings:
                    \(RoutingPluginHealthTests.healthSettings.map { "  \($0)" }.joined(separator: "\n"))
                    general_settings:
                      master_key: \(GatewayFixture.masterKey)
                    """
                let plugins = """
                    {"plugins": [{"name": "master-key-auth"}, {"name": "routing"}, {"name": "alerts", "config": {"webhook_url": "\(receiver.url)"}}]}
                    """
                try await TestGateway.withRunning(config: config, plugins: plugins) { _ in
                    upstreams[0].set(failing: true)
                    let down = try await Self.waitFor(receiver, kind: "deployment_down", subject: "flaky")
                    #expect(down["alert"]?["details"]?["model_group"]?.stringValue == "pool")
                    #expect(down["text"]?.stringValue?.contains("flaky is down") == true, "the check's error: \(down)")
                    // Failing checks go on every 0.3 s; the alert is not repeated.
                    try await Task.sleep(for: .seconds(1))
                    upstreams[0].set(failing: false)
                    _ = try await Self.waitFor(receiver, kind: "deployment_up", subject: "flaky")
                    try await Task.sleep(for: .milliseconds(700))
                    #expect(Self.alerts(receiver, kind: "deployment_down", subject: "flaky").count == 1, "\(receiver.bodies)")
                    #expect(Self.alerts(receiver, kind: "deployment_up", subject: "flaky").count == 1, "\(receiver.bodies)")
                    #expect(!"\(receiver.bodies)".contains(RoutingPluginFixture.upstreamKey))
                }
            }
        }
    }

    /// A plugin config that cannot work stops startup with the key named.
    @Test(arguments: [
        (#"{"name": "alerts"}"#, "webhook_url"),
        (#"{"name": "alerts", "config": {"webhook_url": "ftp://x"}}"#, "webhook_url"),
        (#"{"name": "http-callback", "config": {"url": "http://127.0.0.1:1/x", "batch_size": 10, "max_queue": 5}}"#, "max_queue"),
        (#"{"name": "http-callback", "config": {"url": "http://127.0.0.1:1/x", "retry_max": 5}}"#, "retry_max"),
        (#"{"name": "request-log", "config": {"log_contents": true}}"#, "log_contents"),
    ])
    func badConfigurationStopsStartup(entry: String, key: String) async throws {
        do {
            try await TestGateway.withRunning(config: "model_list: []", plugins: #"{"plugins": [\#(entry)]}"#) { _ in }
            Issue.record("started with \(entry)")
        } catch {
            #expect("\(error)".contains(key), "\(error)")
        }
    }
}
