import GatewayCore

extension BudgetAlert {
    /// The alert as the gateway's ``AlertChannel`` carries it. The subject names the scope and which threshold
    /// (`team:t1/budget_exceeded`), so de-duplication keeps a soft-budget warning and the max-budget alert of one
    /// scope apart.
    var channelAlert: Alert {
        let scopeName = scope.kind == .global ? "global" : "\(scope.kind.rawValue):\(scope.id)"
        return Alert(
            kind: .budgetCrossed, subject: "\(scopeName)/\(kind.rawValue)", message: message,
            details: json.objectValue?.filter { $0.key != "timestamp" } ?? [:])
    }
}
