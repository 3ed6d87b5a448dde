import GatewayCore

/// Decides which alerts go out: a value-type state machine, tested without I/O.
///
/// - The same kind and subject is sent at most once per `window` seconds (a flapping deployment or a budget
///   crossed every reset does not flood the channel).
/// - A recovery (`deployment_up`, `spend_flush_recovered`) is sent exactly once after a down-alert of the same
///   subject was sent, whatever the window; a recovery with no down-alert sent before it (the first health check
///   of a healthy deployment, or a down-alert that the window suppressed) is not sent.
struct AlertDeduplicator {
    let window: Double
    /// When each kind+subject was last sent.
    private var lastSent: [Key: Double] = [:]
    /// Subjects with a down-alert sent and no recovery yet, per recovery kind.
    private var open: Set<Key> = []

    struct Key: Hashable {
        var kind: Alert.Kind
        var subject: String
    }

    init(window: Double) {
        self.window = window
    }

    /// - Returns: whether to send the alert now.
    mutating func admit(_ alert: Alert, at now: Double) -> Bool {
        if let down = Self.downKind(recovering: alert.kind) {
            return open.remove(Key(kind: down, subject: alert.subject)) != nil
        }
        let key = Key(kind: alert.kind, subject: alert.subject)
        if let last = lastSent[key], now - last < window { return false }
        lastSent[key] = now
        if Self.isDown(alert.kind) { open.insert(key) }
        forgetOld(now: now)
        return true
    }

    /// The down-alert a recovery answers.
    static func downKind(recovering kind: Alert.Kind?) -> Alert.Kind? {
        switch kind {
        case .deploymentUp: .deploymentDown
        case .spendFlushRecovered: .spendFlushFailing
        default: nil
        }
    }

    static func isDown(_ kind: Alert.Kind) -> Bool { kind == .deploymentDown || kind == .spendFlushFailing }

    /// Drops send times older than the window, so a gateway that runs for months keeps a small table.
    private mutating func forgetOld(now: Double) {
        guard lastSent.count > 1024 else { return }
        lastSent = lastSent.filter { now - $0.value < window }
    }
}
