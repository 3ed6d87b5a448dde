import Synchronization

/// Something an operator should hear about at once: a budget crossed, a deployment down or back up, spend that
/// cannot be written.
public struct Alert: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case budgetCrossed = "budget_crossed"
        case deploymentDown = "deployment_down"
        case deploymentUp = "deployment_up"
        case spendFlushFailing = "spend_flush_failing"
        case spendFlushRecovered = "spend_flush_recovered"
    }

    public var kind: Kind
    /// What the alert is about (`key:<hash>`, a deployment id): with ``kind`` it is the de-duplication key.
    public var subject: String
    /// One line for a human; never a secret.
    public var message: String
    /// Structured facts (amounts, thresholds, error text).
    public var details: [String: JSON]

    public init(kind: Kind, subject: String, message: String, details: [String: JSON] = [:]) {
        self.kind = kind
        self.subject = subject
        self.message = message
        self.details = details
    }
}

/// Carries alerts from the plugins that notice (budgets, routing, spend log) to the plugins that deliver them
/// (webhooks), which need not know each other. One per gateway, shared through ``PluginContext/alerts``.
///
/// `publish` never waits: subscribers must queue and deliver off the caller's path. With no subscriber an alert is
/// dropped (the publisher has logged it).
public final class AlertChannel: Sendable {
    private let subscribers = Mutex<[@Sendable (Alert) -> Void]>([])

    public init() {}

    public func subscribe(_ handler: @escaping @Sendable (Alert) -> Void) {
        subscribers.withLock { $0.append(handler) }
    }

    public func publish(_ alert: Alert) {
        for handler in subscribers.withLock({ $0 }) { handler(alert) }
    }

    public var hasSubscribers: Bool { subscribers.withLock { !$0.isEmpty } }
}
