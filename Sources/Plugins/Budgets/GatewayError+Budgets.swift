import Foundation
import GatewayCore
import HTTPTypes

extension GatewayError {
    /// 400 `budget_exceeded`, as LiteLLM answers: the scope, its spend and its budget, never a key (a key is
    /// named by its hash prefix).
    static func budgetExceeded(_ scope: SpendScope, spend: Double, maxBudget: Double) -> GatewayError {
        GatewayError(
            status: .badRequest,
            message: "Budget has been exceeded! \(scope): spend \(usd(spend)) USD, max budget \(usd(maxBudget)) USD.",
            type: "budget_exceeded", code: "budget_exceeded")
    }

    private static func usd(_ amount: Double) -> String { String(format: "%.6f", amount) }
}
