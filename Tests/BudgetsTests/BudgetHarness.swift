import AsyncHTTPClient
import Foundation
import GatewayCore
import HTTPTypes
import Logging
import SQLiteStore
import Synchronization

@testable import Budgets

/// A clock the test moves by hand, so windows and resets need no sleeping. Starts on a minute boundary.
final class ManualClock: Sendable {
    private let time: Mutex<Double>

    init(_ start: Double = 1_800_000_000) { time = Mutex(start) }

    var now: Double { time.withLock { $0 } }

    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }

    func set(_ value: Double) { time.withLock { $0 = value } }

    var reading: @Sendable () -> Double { { [self] in now } }
}

/// A real SQLite store in a temporary directory, the test models, a manual clock, and builders for the
/// budgets hook, requests and stored spend.
struct BudgetHarness {
    let path: String
    let store: SQLiteGatewayStore
    let clock: ManualClock
    let models: ModelDirectory

    /// `paid` costs 0.001 USD per input and 0.002 per output token; `free` costs nothing; `limited` has two
    /// deployments with `rpm` 1 and one with `tpm` 100. For worst cases: `mixed` has a deployment at 0.001 and one at
    /// 0.004 per output token; `pricey` costs 0.01 per token both ways; `mini` is gpt-4o-mini (output limit 16,384 in
    /// the bundled table) at 0.000001 per token.
    static let deployments = [
        Deployment(
            id: "mixed-cheap", modelName: "mixed", provider: "openai", upstreamModel: "m1", inputCostPerToken: 0.001, outputCostPerToken: 0.001),
        Deployment(
            id: "mixed-dear", modelName: "mixed", provider: "openai", upstreamModel: "m2", inputCostPerToken: 0.001, outputCostPerToken: 0.004),
        Deployment(id: "pricey-1", modelName: "pricey", provider: "openai", upstreamModel: "p", inputCostPerToken: 0.01, outputCostPerToken: 0.01),
        Deployment(
            id: "mini-1", modelName: "mini", provider: "openai", upstreamModel: "gpt-4o-mini", inputCostPerToken: 0.000001,
            outputCostPerToken: 0.000001),
        Deployment(id: "paid-1", modelName: "paid", provider: "openai", upstreamModel: "gpt-x", inputCostPerToken: 0.001, outputCostPerToken: 0.002),
        Deployment(id: "free-1", modelName: "free", provider: "openai", upstreamModel: "local"),
        Deployment(id: "limited-a", modelName: "limited", provider: "openai", upstreamModel: "a", rpm: 1, inputCostPerToken: 0.001),
        Deployment(id: "limited-b", modelName: "limited", provider: "openai", upstreamModel: "b", rpm: 1, inputCostPerToken: 0.001),
        Deployment(id: "tokens-a", modelName: "tokens", provider: "openai", upstreamModel: "a", tpm: 100, inputCostPerToken: 0.001),
    ]

    /// Runs `body` with a fresh harness; the directory is removed afterwards.
    static func with(_ body: (BudgetHarness) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-budgets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tollgate.db").path
        let store = try SQLiteGatewayStore(path: path)
        _ = try await store.migrate()
        try await body(BudgetHarness(path: path, store: store, clock: ManualClock(), models: ModelDirectory(configDeployments: deployments)))
    }

    /// The same database opened again, as a second gateway instance or a restarted one would.
    func reopenedStore() throws -> SQLiteGatewayStore { try SQLiteGatewayStore(path: path) }

    func context(store: (any GatewayStore)? = nil, gateway: GatewayConfig = GatewayConfig()) -> PluginContext {
        PluginContext(
            logger: Logger(label: "budgets-tests", factory: { _ in SwiftLogNoOpLogHandler() }), config: gateway,
            store: store ?? self.store, httpClient: HTTPClient.shared, environment: [:], models: models)
    }

    /// Builds the hook from a plugins.json `config` object, on this harness's clock.
    /// - Parameter gateway: config.yaml as parsed (its `router_settings` fallbacks and `model_prices`).
    func enforcer(_ config: JSON = [:], store: (any GatewayStore)? = nil, gateway: GatewayConfig = GatewayConfig()) async throws -> BudgetEnforcer {
        let configuration = try config.decode(BudgetsPlugin.Configuration.self)
        return try await BudgetsPlugin.build(configuration: configuration, context: context(store: store, gateway: gateway), now: clock.reading)
            .enforcer
    }

    /// The input tokens estimated for a ``request(_:model:tags:user:maxTokens:)``: one message, `user` and "hi" (6
    /// characters, 2 tokens), plus 3 framing tokens for the message and 3 priming the reply.
    static let inputTokens = 8

    /// What a ``request(_:model:tags:user:maxTokens:)`` to `paid` can cost at worst: ``inputTokens`` at 0.001 USD, and
    /// `max_tokens` output tokens at 0.002 USD.
    static func worstCase(maxTokens: Int = 10) -> Double { Double(inputTokens) * 0.001 + Double(maxTokens) * 0.002 }

    /// A chat request from `principal`, with `max_tokens` (10 by default: a worst case of 0.028 USD on `paid`).
    func request(
        _ principal: Principal, model: String = "paid", tags: [String] = [], user: String? = nil, maxTokens: Int? = 10
    ) -> GatewayRequest {
        var body: JSON = ["model": .string(model), "messages": [["role": "user", "content": "hi"]]]
        if let maxTokens { body["max_tokens"] = .int(maxTokens) }
        if !tags.isEmpty { body["metadata"] = ["tags": .array(tags.map(JSON.string))] }
        if let user { body["user"] = .string(user) }
        return GatewayRequest(
            id: UUID().uuidString, endpoint: .chatCompletions, body: body, principal: principal, receivedAtDate: clock.now)
    }

    /// What another gateway instance's spend-log plugin writes for one request of `principal`: the store adds it
    /// to every scope's counter.
    func appendStoredSpend(_ cost: Double, for principal: Principal, tags: [String] = []) async throws {
        try await store.appendSpendLogs([
            SpendLogEntry(
                requestID: UUID().uuidString, callType: "chat_completions", startTime: clock.now, endTime: clock.now, keyHash: principal.keyHash,
                userID: principal.userID, teamID: principal.teamID, endUser: principal.endUserID, organizationID: principal.organizationID,
                projectID: principal.projectID, tags: tags, model: "paid", spend: cost, status: "success")
        ])
    }
}

extension Principal {
    /// A virtual-key caller with these ids and the limits the auth plugin would list.
    static func caller(
        keyHash: String = "9f2c4a7be1d04c55aa01", userID: String? = nil, teamID: String? = nil, organizationID: String? = nil,
        projectID: String? = nil, endUserID: String? = nil, budgets: [ScopedLimits] = []
    ) -> Principal {
        var principal = Principal(
            subject: keyHash, role: .user, keyHash: keyHash, userID: userID, teamID: teamID, organizationID: organizationID,
            projectID: projectID, endUserID: endUserID)
        principal.budgets = budgets
        return principal
    }
}

extension BudgetEnforcer {
    /// Runs `reserve` and returns the error it threw, if any.
    func rejection(_ request: GatewayRequest) async -> GatewayError? {
        do {
            _ = try await reserve(request)
            return nil
        } catch let error as GatewayError {
            return error
        } catch {
            return .internalError("\(error)")
        }
    }

    /// A finished call with this cost and usage.
    func finish(_ request: GatewayRequest, cost: Double = 0, tokens: Int = 0, deployment: Deployment? = nil) async {
        await commit(request, outcome: CallOutcome(deployment: deployment, usage: Usage(promptTokens: tokens, completionTokens: 0), cost: cost))
    }
}

extension GatewayRequest {
    /// A response header a hook set, by name.
    func header(_ name: String) -> String? {
        responseHeaders.all.first { $0.name.canonicalName == name }?.value
    }
}
