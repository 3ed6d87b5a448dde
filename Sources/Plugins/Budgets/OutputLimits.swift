import GatewayCore
import Synchronization

/// Each model's output limit (``Deployment/outputLimit(prices:)``), looked up in the price tables once per provider and
/// upstream model name: the names a model is looked up under are not worth building on every request. Keyed by the
/// names of configured deployments, so it grows with the model list only.
final class OutputLimits: Sendable {
    let prices: PriceTable
    private let known = Mutex<[String: Int?]>([:])

    /// - Parameter prices: config.yaml's `model_prices` over the bundled table.
    init(prices: PriceTable) {
        self.prices = prices
    }

    /// The deployment's output limit; nil when unknown.
    func limit(of deployment: Deployment) -> Int? {
        // A deployment's own model_info.max_output_tokens is read as it is: it may change at runtime (/model/update).
        if deployment.modelInfo["max_output_tokens"] != nil { return deployment.outputLimit(prices: prices) }
        // The same model may price apart under two providers (`vertex_ai/gemini-2.5-pro`, `gemini/gemini-2.5-pro`).
        let name = "\(deployment.provider)/\(deployment.upstreamModel)"
        if let cached = known.withLock({ $0[name] }) { return cached }
        let limit = deployment.outputLimit(prices: prices)
        known.withLock { _ = $0.updateValue(limit, forKey: name) }
        return limit
    }
}
