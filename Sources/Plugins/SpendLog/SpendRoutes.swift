import GatewayCore

/// `/spend/logs`, its paged forms and `/global/spend`: what the spend log recorded.
///
/// `GET /spend/logs?api_key=&user_id=&team_id=&request_id=&start_date=&end_date=&page=&page_size=` answers a JSON
/// list of rows (``SpendLogResponse``), newest first, as LiteLLM does; `page_size` 1...1000, default 1000 (LiteLLM
/// returns every row; a page bounds the answer). `GET /spend/logs/ui` and `GET /spend/logs/v2` take the same filters
/// and answer LiteLLM's paged shape (`data`, `total`, `page`, `page_size`, `total_pages`; default page size 50).
///
/// `api_key` takes the plain key or its hash (`token`). `request_id` takes the gateway's request id
/// (`x-request-id`, `x-litellm-call-id`) or the completion's `id` (`chatcmpl-…`, `msg_…`); at most
/// ``maxRequestIDLength`` characters. Dates are ISO-8601 dates or date-times, or LiteLLM's `YYYY-MM-DD HH:MM:SS`
/// (UTC), `start_date` inclusive and `end_date` exclusive (a date alone is midnight UTC). LiteLLM's `summarize`
/// is accepted and ignored: rows are always listed. Admins and admin viewers read every row; any other caller only
/// its own key's.
///
/// `GET /spend/summary` takes the same filters and answers the totals over the matching rows.
///
/// `GET /global/spend` (admins and viewers): `{"spend": ..., "budget_reset_at": ...}` from the store's global
/// counter, which the spend log keeps in the same transaction as its rows.
struct SpendRoutes {
    let store: any GatewayStore

    /// The longest `request_id` accepted; longer ids are never stored (``CallOutcome/maxResponseIDLength``).
    static let maxRequestIDLength = CallOutcome.maxResponseIDLength

    var routes: [AdminRoute] {
        [
            AdminRoute(.get, "/spend/logs", access: .authenticated) { try await list($0) },
            AdminRoute(.get, "/spend/logs/ui", access: .authenticated) { try await page($0) },
            AdminRoute(.get, "/spend/logs/v2", access: .authenticated) { try await page($0) },
            AdminRoute(.get, "/global/spend", access: .adminOrViewer) { _ in try await globalSpend() },
            AdminRoute(.get, "/spend/summary", access: .authenticated) { try await summary($0) },
        ]
    }

    private func list(_ request: AdminRequest) async throws -> JSON {
        let filter = try Self.visibleFilter(request)
        let paging = try Paging.parse(request.query, sizeName: "page_size", defaultSize: 1000, maxSize: 1000)
        return .array(try await store.spendLogs(filter, limit: paging.size, offset: paging.offset).map(SpendLogResponse.json))
    }

    private func page(_ request: AdminRequest) async throws -> JSON {
        let filter = try Self.visibleFilter(request)
        let paging = try Paging.parse(request.query, sizeName: "page_size", defaultSize: 50, maxSize: 1000)
        let rows = try await store.spendLogs(filter, limit: paging.size, offset: paging.offset)
        let total = try await store.spendSummary(filter).requests
        return [
            "data": .array(rows.map(SpendLogResponse.json)), "total": .int(total), "page": .int(paging.page),
            "page_size": .int(paging.size), "total_pages": .int(paging.totalPages(total)),
        ]
    }

    /// `GET /spend/summary` with the filters of `/spend/logs`: the totals over the matching rows (`requests`,
    /// `spend`, `prompt_tokens`, `completion_tokens`), for the admin UI's overview; the same rows are visible.
    private func summary(_ request: AdminRequest) async throws -> JSON {
        let summary = try await store.spendSummary(try Self.visibleFilter(request))
        return [
            "requests": .int(summary.requests), "spend": .double(summary.spend), "prompt_tokens": .int(summary.promptTokens),
            "completion_tokens": .int(summary.completionTokens),
        ]
    }

    /// The query's filter, narrowed to the caller's own key unless it reads everything.
    /// - Throws: 403 when a key asks for another key's rows, a keyless user (JWT) for another user's, or the caller
    ///   has neither; 400 for a bad filter.
    private static func visibleFilter(_ request: AdminRequest) throws -> SpendLogFilter {
        var filter = try filter(request.query)
        guard !request.principal.role.readsEverything else { return filter }
        guard let own = request.principal.keyHash else {
            // A caller without a key (a JWT or an admin-UI SSO session) reads its own user's rows.
            guard let userID = request.principal.userID else {
                throw GatewayError.forbidden("Only an admin, a virtual key or a user may read spend logs.", code: "spend_logs_forbidden")
            }
            if let asked = filter.userID, asked != userID {
                throw GatewayError.forbidden("A user may read their own spend logs only.", code: "spend_logs_forbidden")
            }
            if filter.keyHash != nil { throw GatewayError.forbidden("A user without a key may filter by user only.", code: "spend_logs_forbidden") }
            filter.userID = userID
            return filter
        }
        if let asked = filter.keyHash, asked != own {
            throw GatewayError.forbidden("A key may read its own spend logs only.", code: "spend_logs_forbidden")
        }
        filter.keyHash = own
        return filter
    }

    private func globalSpend() async throws -> JSON {
        let counter = try await store.spendCounter(.global)
        return ["spend": .double(counter?.spend ?? 0), "budget_reset_at": counter?.budgetResetAt.map { .string(ISO8601Time.string($0)) } ?? .null]
    }

    /// - Throws: 400 naming a date that is not ISO-8601 (nor `YYYY-MM-DD HH:MM:SS`), or a `request_id` longer than
    ///   ``maxRequestIDLength``.
    static func filter(_ query: [String: String]) throws -> SpendLogFilter {
        func date(_ name: String) throws -> Double? {
            guard let text = query[name], !text.isEmpty else { return nil }
            guard let seconds = seconds(parsing: text) else {
                throw GatewayError.badRequest("Invalid \(name) '\(text)': use an ISO-8601 date such as 2026-11-21.", param: name)
            }
            return seconds
        }
        let key = query["api_key"].flatMap { $0.isEmpty ? nil : $0 }
        let requestID = query["request_id"].flatMap { $0.isEmpty ? nil : $0 }
        if let requestID, requestID.count > maxRequestIDLength {
            throw GatewayError.badRequest("Invalid request_id: at most \(maxRequestIDLength) characters.", param: "request_id")
        }
        return SpendLogFilter(
            keyHash: key.map(Secrets.keyHash(ofKeyOrToken:)), userID: query["user_id"], teamID: query["team_id"], start: try date("start_date"),
            end: try date("end_date"), requestID: requestID)
    }

    /// An ISO-8601 date or date-time, or LiteLLM's UI form `YYYY-MM-DD HH:MM:SS`, read as UTC.
    private static func seconds(parsing text: String) -> Double? {
        if let seconds = ISO8601Time.seconds(parsing: text) { return seconds }
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0].count == 10, parts[1].count == 8 else { return nil }
        return ISO8601Time.seconds(parsing: "\(parts[0])T\(parts[1])Z")
    }
}
