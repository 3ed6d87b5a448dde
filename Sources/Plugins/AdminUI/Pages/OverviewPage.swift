import Foundation
import GatewayCore

/// `GET /ui`: the overview (``OverviewView``), from `/spend/summary`, `/spend/logs/ui`, `/team/list` and
/// `/key/info`, all called as the signed-in user: an admin sees the whole gateway, an internal user their own key.
enum OverviewPage {
    /// The recent requests the charts are drawn from.
    static let sampleSize = 1000

    static func show(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        let now = Date.now.timeIntervalSince1970
        let midnight = (now / 86_400).rounded(.down) * 86_400
        var summaries: [JSON] = []
        for start in [midnight, now - 7 * 86_400, now - 30 * 86_400] {
            summaries.append(try await context.admin(.get, "/spend/summary", query: ["start_date": ISO8601Time.string(start)]))
        }
        let page = try await context.admin(
            .get, "/spend/logs/ui", query: ["start_date": ISO8601Time.string(now - 30 * 86_400), "page_size": String(sampleSize)])
        let rows = page["data"]?.arrayValue ?? []
        var budgeted: [(kind: String, object: JSON)] = []
        var keyNames: [String: String] = [:]
        let teams = try await context.admin(.get, "/team/list")
        for team in teams.arrayValue ?? [] { budgeted.append(("Team", team)) }
        // The keys behind the recent spend: their names for the chart, their budgets for the near-limit list.
        let topKeys = OverviewView.group(rows) { $0["api_key"]?.stringValue }.sorted { $0.value.spend > $1.value.spend }.prefix(OverviewView.topCount)
        for (hash, _) in topKeys {
            guard let info = try? await context.admin(.get, "/key/info", query: ["key": hash])["info"] else { continue }
            keyNames[hash] = info["key_alias"]?.stringValue ?? info["key_name"]?.stringValue
            budgeted.append(("Key", info))
        }
        let view = OverviewView.make(
            summaries: summaries, rows: rows, keyNames: keyNames, budgeted: budgeted, ownKeyOnly: !context.role.readsEverything)
        return .page(title: "Overview", section: .overview, html: renderer.render(view, "overview"))
    }
}
