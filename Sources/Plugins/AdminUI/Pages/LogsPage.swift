import GatewayCore

/// `/ui/logs`: the spend log (`/spend/logs/ui`) filtered by key, team, user and time as the API filters, and by
/// model and status over the latest ``scanLimit`` matching rows (the API has no such filter); `/ui/logs/detail`
/// shows one request (`/spend/logs?request_id=`). Who sees which rows is the API's rule: admins and viewers every
/// row, a user's key its own.
enum LogsPage {
    static let pageSize = 50
    static let scanLimit = 1000
    static let filterNames: Set<String> = ["api_key", "team_id", "user_id", "model", "status", "start_date", "end_date"]

    static func list(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        let filters = context.query.filter { filterNames.contains($0.key) }
        let page = max(1, Int(context.query["page"] ?? "") ?? 1)
        var query = filters.filter { ["api_key", "team_id", "user_id", "start_date", "end_date"].contains($0.key) }
        let entries: [JSON]
        let total: Int
        let pages: Int
        if filters["model"] != nil || filters["status"] != nil {
            query["page_size"] = String(scanLimit)
            let scanned = try await context.admin(.get, "/spend/logs/ui", query: query)["data"]?.arrayValue ?? []
            let matching = scanned.filter { entry in
                (filters["model"] == nil || entry["model_group"]?.stringValue == filters["model"])
                    && (filters["status"] == nil || entry["status"]?.stringValue == filters["status"])
            }
            entries = Array(matching.dropFirst((page - 1) * pageSize).prefix(pageSize))
            total = matching.count
            pages = (total + pageSize - 1) / pageSize
        } else {
            query["page"] = String(page)
            query["page_size"] = String(pageSize)
            let answer = try await context.admin(.get, "/spend/logs/ui", query: query)
            entries = answer["data"]?.arrayValue ?? []
            total = answer["total"]?.intValue ?? entries.count
            pages = answer["total_pages"]?.intValue ?? 1
        }
        let pager = PagerView(path: "/ui/logs", filters: filters, page: page, pages: pages, total: total)
        let view = LogsView.make(entries: entries, pager: pager, query: filters)
        return .page(title: "Logs", section: .logs, html: renderer.render(view, "logs"))
    }

    static func detail(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        guard let id = context.query["request_id"] else { throw GatewayError.badRequest("Name a request.", param: "request_id") }
        guard let entry = try await context.admin(.get, "/spend/logs", query: ["request_id": id]).arrayValue?.first else {
            throw GatewayError.notFound("No logged request '\(id.prefix(80))' that you may read.")
        }
        return .page(title: "Request", section: .logs, html: renderer.render(LogDetailView(entry), "log_detail"))
    }
}
