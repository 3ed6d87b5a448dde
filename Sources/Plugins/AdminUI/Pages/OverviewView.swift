import GatewayCore

/// What the overview shows: spend and requests for today, 7 and 30 days; errors; the top models, teams and keys by
/// spend over the recent requests, as SVG bar charts; and budgets at or past 80 % of their limit.
struct OverviewView {
    struct Period: Equatable {
        var label: String
        var spend: String
        var requests: String
    }

    struct NearLimit: Equatable {
        var kind: String
        var name: String
        var spend: String
        var limit: String
        var percent: Int
        var over: Bool
    }

    var periods: [Period]
    /// Failed requests among the recent rows, and how many rows that is.
    var errors: Int
    var sampled: Int
    var modelChart: String
    var teamChart: String
    var keyChart: String
    var errorChart: String
    var nearLimit: [NearLimit]
    var hasNearLimit: Bool
    /// The data covers only the caller's own key (an internal user).
    var ownKeyOnly: Bool

    /// A budget counts as near its limit from this share of it.
    static let nearShare = 0.8
    /// Bars per chart.
    static let topCount = 8

    /// - Parameters:
    ///   - summaries: `/spend/summary` for today, 7 days and 30 days, in that order.
    ///   - rows: recent `/spend/logs` rows (newest first).
    ///   - keyNames: key hash → alias, for the key chart.
    ///   - budgeted: teams and keys (`/team/list`, `/key/info`) whose spend is checked against `max_budget`.
    static func make(
        summaries: [JSON], rows: [JSON], keyNames: [String: String], budgeted: [(kind: String, object: JSON)], ownKeyOnly: Bool
    ) -> OverviewView {
        let labels = ["Today", "Last 7 days", "Last 30 days"]
        let periods = zip(labels, summaries).map { label, summary in
            Period(label: label, spend: Formats.usd(summary["spend"]?.doubleValue ?? 0), requests: Formats.count(summary["requests"]?.intValue ?? 0))
        }
        let failed = rows.filter { $0["status"]?.stringValue != "success" }
        func chart(_ title: String, _ groups: [String: (spend: Double, count: Int)], bySpend: Bool) -> String {
            let top = groups.sorted {
                bySpend ? ($0.value.spend, $1.key) > ($1.value.spend, $0.key) : ($0.value.count, $1.key) > ($1.value.count, $0.key)
            }
            .prefix(topCount)
            return BarChart(
                title: title,
                bars: top.map {
                    BarChart.Bar(
                        label: $0.key, value: bySpend ? $0.value.spend : Double($0.value.count),
                        display: bySpend ? "\(Formats.usd($0.value.spend)) · \($0.value.count) req" : "\($0.value.count)")
                }
            ).svg
        }
        let near = budgeted.compactMap { Self.nearLimit($0.kind, $0.object) }.sorted { $0.percent > $1.percent }
        return OverviewView(
            periods: periods, errors: failed.count, sampled: rows.count,
            modelChart: chart("Spend by model", group(rows) { $0["model_group"]?.stringValue }, bySpend: true),
            teamChart: chart("Spend by team", group(rows) { $0["team_id"]?.stringValue }, bySpend: true),
            keyChart: chart(
                "Spend by key", group(rows) { row in row["api_key"]?.stringValue.map { keyNames[$0] ?? String($0.prefix(10)) + "…" } }, bySpend: true),
            errorChart: chart("Errors by model", group(failed) { $0["model_group"]?.stringValue }, bySpend: false),
            nearLimit: near, hasNearLimit: !near.isEmpty, ownKeyOnly: ownKeyOnly)
    }

    /// Spend and count per group; rows without a group are left out.
    static func group(_ rows: [JSON], by name: (JSON) -> String?) -> [String: (spend: Double, count: Int)] {
        var groups: [String: (spend: Double, count: Int)] = [:]
        for row in rows {
            guard let key = name(row), !key.isEmpty else { continue }
            let spend = row["spend"]?.doubleValue ?? 0
            groups[key, default: (0, 0)].spend += spend.isFinite ? spend : 0
            groups[key, default: (0, 0)].count += 1
        }
        return groups
    }

    /// The entry for a team or key at or past ``nearShare`` of its `max_budget`, else nil.
    static func nearLimit(_ kind: String, _ object: JSON) -> NearLimit? {
        guard let limit = object["max_budget"]?.doubleValue, limit > 0, limit.isFinite else { return nil }
        let spend = object["spend"]?.doubleValue ?? 0
        guard spend.isFinite, spend >= limit * nearShare else { return nil }
        let name =
            object["team_alias"]?.stringValue ?? object["key_alias"]?.stringValue ?? object["team_id"]?.stringValue
            ?? object["key_name"]?.stringValue ?? "?"
        let percent = min(spend / limit * 100, 100_000).rounded()
        return NearLimit(
            kind: kind, name: name, spend: Formats.usd(spend), limit: Formats.usd(limit), percent: Int(percent), over: spend >= limit)
    }
}
