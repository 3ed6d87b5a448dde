import Foundation
import GatewayCore
import Logging

/// Probes deployments with the smallest real call (LiteLLM's health check): a chat completion of `"ping"` with
/// `max_tokens: 1` (an embedding of `"ping"` for `model_info.mode: embedding`, a completion for `completion`, a
/// rerank of one document for `rerank`),
/// through the gateway's providers, within the deployment's `timeout`. Results go to the ``HealthRegistry``.
struct HealthChecker: Sendable {
    typealias Send = @Sendable (UpstreamCall) async throws -> GatewayResponse

    /// At most this many probes run at once, so a large catalog does not open hundreds of connections together.
    static let maxConcurrentProbes = 8

    let send: Send
    let registry: HealthRegistry
    let models: ModelDirectory
    let clock: @Sendable () -> Double
    let logger: Logger
    /// Where a deployment going down or coming back up is published (the `alerts` plugin delivers it).
    var alerts: AlertChannel? = nil

    /// Checks every deployment of the live catalog and forgets results of deployments that are gone. Wildcard
    /// deployments are skipped: their upstream model is only known per request (probing `*` would fail).
    func checkAll() async {
        let deployments = models.catalog.deployments.filter { !$0.isWildcard }
        registry.retain(only: Set(deployments.map(\.id)))
        await check(deployments)
    }

    /// Checks the given deployments, a bounded number at a time.
    func check(_ deployments: [Deployment]) async {
        await withTaskGroup(of: (String, HealthResult).self) { group in
            var pending = deployments[...]
            func startNext() {
                guard let deployment = pending.popFirst() else { return }
                group.addTask { (deployment.id, await probe(deployment)) }
            }
            for _ in 0..<Self.maxConcurrentProbes { startNext() }
            while let (id, result) = await group.next() {
                if let up = registry.store(result, for: id) { publishChange(id: id, up: up, error: result.error) }
                if !result.healthy {
                    logger.warning("deployment failed its health check", metadata: ["deployment": "\(id)", "error": "\(result.error ?? "")"])
                }
                startNext()
            }
        }
    }

    private func publishChange(id: String, up: Bool, error: String?) {
        let model = models.catalog.deployments.first { $0.id == id }?.modelName ?? ""
        var details: [String: JSON] = ["deployment_id": .string(id), "model_group": .string(model)]
        if let error { details["error"] = .string(error) }
        alerts?.publish(
            Alert(
                kind: up ? .deploymentUp : .deploymentDown, subject: id,
                message: up
                    ? "deployment \(id) (\(model)) passes its health check again"
                    : "deployment \(id) (\(model)) failed its health check: \(error ?? "")",
                details: details))
    }

    /// One probe; never throws: a failure is an unhealthy result.
    func probe(_ deployment: Deployment) async -> HealthResult {
        let call = Self.call(for: deployment)
        do {
            let response = try await withTimeout(seconds: deployment.timeout) { try await send(call) }
            if case .stream(let chunks) = response {
                for try await _ in chunks {}
            }
            return HealthResult(healthy: true, checkedAt: clock(), error: nil)
        } catch {
            return HealthResult(healthy: false, checkedAt: clock(), error: Self.describe(error, deployment: deployment))
        }
    }

    static func call(for deployment: Deployment) -> UpstreamCall {
        let model = JSON.string(deployment.upstreamModel)
        let (operation, body): (UpstreamOperation, JSON) =
            switch deployment.modelInfo["mode"]?.stringValue {
            case "embedding": (.embeddings, ["model": model, "input": "ping"])
            case "completion": (.completions, ["model": model, "prompt": "ping", "max_tokens": 1, "stream": false])
            case "rerank": (.rerank, ["model": model, "query": "ping", "documents": ["ping"]])
            default: (.chatCompletions, ["model": model, "messages": [["role": "user", "content": "ping"]], "max_tokens": 1, "stream": false])
            }
        return UpstreamCall(operation: operation, deployment: deployment, body: body, requestID: "health-check-\(UUID().uuidString.lowercased())")
    }

    /// The error for `/health` and the log, with the deployment's key cut out should an upstream echo it.
    static func describe(_ error: any Error, deployment: Deployment) -> String {
        var text: String
        switch error {
        case let error as GatewayError: text = error.message
        case is TimeoutError: text = "No answer within the deployment's timeout of \(deployment.timeout) seconds."
        default: text = "The health check failed: \(type(of: error))."
        }
        if let key = deployment.apiKey, key.count >= 4 { text = text.replacingOccurrences(of: key, with: "[redacted]") }
        return String(text.prefix(500))
    }
}
