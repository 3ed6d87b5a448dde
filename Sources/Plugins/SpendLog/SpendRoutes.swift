import GatewayCore

/// `/spend/logs` and `/global/spend`: what the spend log recorded.
///
/// `GET /spend/logs?api_key=&user_id=&team_id=&start_date=&end_date=&page=&page_size=` answers LiteLLM's paged
/// shape (`data`, `total`, `page`, `page_size`, `total_pages`), newest first; `page_size` 1...1000, default 50.
/// `api_key` takes the plain key or its hash (`token`); dates are ISO-8601 dates or date-times, `start_date`
/// inclusive and `end_date` exclusive (a date alone is midnight UTC). `?request_id=` answers that one row as
/// `data`. Admins and admin viewers read every row; any other caller only its own key's.
///
/// `GET /global/spend` (admins and viewers): `{"spend": ..., "budget_reset_at": ...}` from the store's global
/// counter, which the spend log keeps in the same transaction as its rows.
struct SpendRoutes {
    let store: any GatewayStore

    var routes: [AdminRoute] {
        [
            AdminRoute(.get, "/spend/logs", access: .authenticated) { try await logs($0) },
            AdminRoute(.get, "/global/spend", access: .adminOrViewer) { _ in try await globalSpend() },
        ]
    }

    private func logs(_ request: AdminRequest) async throws -> JSON {
        var filter = try Self.filter(request.query)
        if !request.principal.role.readsEverything {
            guard let own = request.principal.keyHash else {
                throw GatewayError.forbidden("Only an admin or a virtual key may read spend logs.", code: "spend_logs_forbidden")
            }
            if let asked = filter.keyHash, asked != own {
                throw GatewayError.forbidden("A key may read its own spend logs only.", code: "spend_logs_forbidden")
            }
            filter.keyHash = own
        }
        if let requestID = request.query["request_id"] {
            let entry = try await store.spendLog(requestID: requestID).flatMap { Self.matches($0, filter) ? $0 : nil }
            return ["data": .array(entry.map { [SpendLogResponse.json($0)] } ?? []), "total": .int(entry == nil ? 0 : 1)]
        }
        let paging = try Paging.parse(request.query, sizeName: "page_size", defaultSize: 50, maxSize: 1000)
        let rows = try await store.spendLogs(filter, limit: paging.size, offset: paging.offset)
        let total = try await store.spendSummary(filter).requests
        return [
            "data": .array(rows.map(SpendLogResponse.json)), "total": .int(total), "page": .int(paging.page),
            "page_size": .int(paging.size), "total_pages": .int(paging.totalPages(total)),
        ]
    }

    private func globalSpend() async throws -> JSON {
        let counter = try await store.spendCounter(.global)
        return ["spend": .double(counter?.spend ?? 0), "budget_reset_at": counter?.budgetResetAt.map { .string(ISO8601Time.string($0)) } ?? .null]
    }

    /// - Throws: 400 naming a date that is not ISO-8601.
    static func filter(_ query: [String: String]) throws -> SpendLogFilter {
        func date(_ name: String) throws -> Double? {
            guard let text = query[name], !text.isEmpty else { return nil }
            guard let seconds = ISO8601Time.seconds(parsing: text) else {
                throw GatewayError.badRequest("Invalid \(name) '\(text)': use an ISO-8601 date such as 2026-11-21.", param: name)
            }
            return seconds
        }
        let key = query["api_key"].flatMap { $0.isEmpty ? nil : $0 }
        return SpendLogFilter(
            keyHash: key.map(Secrets.keyHash(ofKeyOrToken:)), userID: query["user_id"],
            teamID: query["team_id"], start: try date("start_date"), end: try date("end_date"))
    }

    private static func matches(_ entry: SpendLogEntry, _ filter: SpendLogFilter) -> Bool {
        (filter.keyHash.map { $0 == entry.keyHash } ?? true) && (filter.userID.map { $0 == entry.userID } ?? true)
            && (filter.teamID.map { $0 == entry.teamID } ?? true)
    }
}
