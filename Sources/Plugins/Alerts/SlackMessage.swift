import Foundation
import GatewayCore

/// The webhook body for one alert, Slack-compatible: Slack's incoming webhooks read `text` and `attachments`
/// (and ignore the rest); other receivers get the alert's facts under `alert`.
///
/// ```json
/// {"text": ":rotating_light: Deployment down: gpt-4o-eu — 500 ...",
///  "attachments": [{"color": "danger", "fields": [{"title": "kind", "value": "deployment_down", "short": true}, ...]}],
///  "alert": {"kind": "deployment_down", "subject": "gpt-4o-eu", "message": "...", "details": {...}, "timestamp": "..."}}
/// ```
enum SlackMessage {
    static func json(_ alert: Alert, at now: Double) -> JSON {
        let recovery = alert.kind == .deploymentUp || alert.kind == .spendFlushRecovered
        let icon = recovery ? ":white_check_mark:" : alert.kind == .budgetCrossed ? ":warning:" : ":rotating_light:"
        var fields: [JSON] = [field("kind", alert.kind.rawValue), field("subject", alert.subject)]
        for (name, value) in alert.details.sorted(by: { $0.key < $1.key }) {
            fields.append(field(name, value.stringValue ?? value.serializedString()))
        }
        return [
            "text": .string("\(icon) \(title(alert.kind)): \(alert.message)"),
            "attachments": [["color": .string(recovery ? "good" : alert.kind == .budgetCrossed ? "warning" : "danger"), "fields": .array(fields)]],
            "alert": [
                "kind": .string(alert.kind.rawValue), "subject": .string(alert.subject), "message": .string(alert.message),
                "details": .object(alert.details), "timestamp": .string(ISO8601Time.string(now)),
            ],
        ]
    }

    static func title(_ kind: Alert.Kind) -> String {
        switch kind {
        case .budgetCrossed: "Budget crossed"
        case .deploymentDown: "Deployment down"
        case .deploymentUp: "Deployment back up"
        case .spendFlushFailing: "Spend logs cannot be written"
        case .spendFlushRecovered: "Spend logs are written again"
        }
    }

    private static func field(_ title: String, _ value: String) -> JSON {
        ["title": .string(title), "value": .string(value), "short": .bool(value.count < 40)]
    }
}
