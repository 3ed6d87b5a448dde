import Foundation
import GatewayCore
import Testing

@testable import AdminUI

/// What the overview shows for given spend summaries, log rows and budgets.
struct OverviewViewTests {
    static func row(_ model: String, team: String?, key: String, spend: Double, status: String = "success") -> JSON {
        [
            "model_group": .string(model), "team_id": team.map { .string($0) } ?? .null, "api_key": .string(key), "spend": .double(spend),
            "status": .string(status),
        ]
    }

    @Test func periodsChartsAndErrors() {
        let summaries: [JSON] = [["spend": 0.5, "requests": 2], ["spend": 12.25, "requests": 1200], ["spend": 30.0, "requests": 1_234_567]]
        let rows = [
            Self.row("gpt", team: "ops", key: "hash-a", spend: 1.0), Self.row("gpt", team: "ops", key: "hash-a", spend: 2.0),
            Self.row("claude", team: nil, key: "hash-b", spend: 0.5), Self.row("claude", team: "web", key: "hash-b", spend: 0, status: "failure"),
        ]
        let view = OverviewView.make(summaries: summaries, rows: rows, keyNames: ["hash-a": "app-a"], budgeted: [], ownKeyOnly: false)
        #expect(view.periods.map(\.label) == ["Today", "Last 7 days", "Last 30 days"])
        #expect(view.periods.map(\.spend) == ["$0.50", "$12.25", "$30.00"])
        #expect(view.periods.map(\.requests) == ["2", "1,200", "1,234,567"])
        #expect(view.errors == 1 && view.sampled == 4)
        // Bars are ordered by spend: gpt ($3) before claude ($0.50).
        let gpt = try! #require(view.modelChart.range(of: ">gpt<")), claude = try! #require(view.modelChart.range(of: ">claude<"))
        #expect(gpt.lowerBound < claude.lowerBound)
        #expect(view.modelChart.contains("$3.00 · 2 req"))
        #expect(view.keyChart.contains(">app-a<"), "a key is named by its alias")
        #expect(view.keyChart.contains(">hash-b…<"), "else by the start of its hash")
        #expect(!view.teamChart.contains("<text x=\"0\" y=\"37.0\">"), "rows without a team are left out: two teams, two bars")
        #expect(view.errorChart.contains(">claude<") && !view.errorChart.contains(">gpt<"))
        #expect(!view.hasNearLimit)
    }

    @Test func budgetsNearTheirLimit() {
        let budgeted: [(kind: String, object: JSON)] = [
            ("Team", ["team_id": "ops", "team_alias": "Ops", "spend": 85.0, "max_budget": 100.0]),
            ("Team", ["team_id": "web", "spend": 10.0, "max_budget": 100.0]),
            ("Key", ["key_alias": "app", "spend": 12.0, "max_budget": 10.0]),
            ("Key", ["key_alias": "free", "spend": 12.0, "max_budget": .null]),
        ]
        let view = OverviewView.make(summaries: [], rows: [], keyNames: [:], budgeted: budgeted, ownKeyOnly: true)
        #expect(view.nearLimit.map(\.name) == ["app", "Ops"], "past the limit first; under 80 % and unlimited left out")
        #expect(view.nearLimit.map(\.percent) == [120, 85])
        #expect(view.nearLimit.map(\.over) == [true, false])
        #expect(view.hasNearLimit && view.ownKeyOnly)
        #expect(view.modelChart.contains("No data yet"))
    }

    @Test func chartEscapesAndScales() {
        let chart = BarChart(
            title: "t", bars: [BarChart.Bar(label: "<b>&", value: 10, display: "10"), BarChart.Bar(label: "half", value: 5, display: "5")])
        #expect(chart.svg.contains("&lt;b&gt;&amp;"))
        #expect(!chart.svg.contains("<b>"))
        let widths = chart.svg.components(separatedBy: "width=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(widths.count == 2 && widths[0] == 2 * widths[1], "bars scale to the largest")
        #expect(BarChart(title: "t", bars: [BarChart.Bar(label: "zero", value: 0, display: "0")]).svg.contains("width=\"0.0\""))
    }
}
